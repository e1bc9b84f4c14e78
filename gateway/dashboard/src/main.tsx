import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Dashboard } from './app.tsx';

interface Settings {
  path: string;
}
interface DemoUser {
  name: string;
  token: string;
}

const theme = new URLSearchParams(window.location.search).get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;

const settings = JSON.parse(document.getElementById('dashboard-settings')!.textContent!) as Settings;
const url = new URL(settings.path, window.location.href).href;
// Per tab: a wall screen keeps its session; closing the tab forgets the token.
const STORAGE = 'flowledger.dashboard.token';

function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>([]);
  const [text, setText] = useState('');
  useEffect(() => {
    // Only in development does the gateway list demo users; elsewhere this is a 404 and the list stays empty.
    fetch('/dashboard/demo-users')
      .then((response) => (response.ok ? (response.json() as Promise<DemoUser[]>) : []))
      .then(setDemoUsers)
      .catch(() => setDemoUsers([]));
  }, []);
  return (
    <form
      class="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onToken(text.trim());
      }}
    >
      <h1>FlowLedger — live operations</h1>
      <label>
        Token (a person's bearer token)
        <input name="token" value={text} onInput={(event) => setText((event.target as HTMLInputElement).value)} autoComplete="off" />
      </label>
      <button type="submit">Sign in</button>
      {demoUsers.length > 0 ? (
        <div class="demo-users">
          <p>Development: sign in as a demo user</p>
          {demoUsers.map((user) => (
            <button type="button" key={user.name} data-demo-user={user.name} onClick={() => onToken(user.token)}>
              {user.name}
            </button>
          ))}
        </div>
      ) : null}
    </form>
  );
}

function Root() {
  const [token, setToken] = useState<string | null>(sessionStorage.getItem(STORAGE));
  if (!token) {
    return (
      <SignIn
        onToken={(value) => {
          sessionStorage.setItem(STORAGE, value);
          setToken(value);
        }}
      />
    );
  }
  return (
    <Dashboard
      url={url}
      token={token}
      onSignOut={() => {
        sessionStorage.removeItem(STORAGE);
        window.location.reload();
      }}
    />
  );
}

render(<Root />, document.getElementById('dashboard')!);
