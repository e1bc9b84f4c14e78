import { useEffect, useRef, useState } from 'preact/hooks';
import { BoardDocument, InvoiceChangedDocument, OverAllocatedDocument, TilesDocument, TodayDocument, UtilizationDocument } from '../generated/graphql.ts';
import type { BoardQuery, TilesQuery, TodayQuery, UtilizationQuery } from '../generated/graphql.ts';
import { createGraphClient } from './graph-client.ts';
import type { ConnectionState } from './graph-client.ts';
import { createLiveFeed } from './live-feed.ts';
import type { FeedEvent } from './live-feed.ts';
import { Activity, Alarms, Board, Tiles, TodayPanel } from './panels.tsx';

interface Data {
  board: BoardQuery | null;
  today: TodayQuery | null;
  tiles: TilesQuery | null;
  utilization: UtilizationQuery | null;
}

/** Monday to Sunday of this week, as dates (UTC). */
function thisWeek(): { from: string; to: string } {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7)));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** One organisation's live wall: everything refreshes because an event said so, never on a timer. */
export function Dashboard({ url, token, onSignOut }: { url: string; token: string; onSignOut: () => void }) {
  const [data, setData] = useState<Data>({ board: null, today: null, tiles: null, utilization: null });
  const [feed, setFeed] = useState<FeedEvent[]>([]);
  const [connection, setConnection] = useState<ConnectionState>({ kind: 'connecting' });
  const [caughtUp, setCaughtUp] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    let feedRef: ReturnType<typeof createLiveFeed> | null = null;
    const graph = createGraphClient({
      url,
      token,
      onState: (state) => {
        setConnection(state);
        if (state.kind === 'live' && state.reconnected && feedRef) {
          // Back: read what was missed and the panels as they are now; only then say it is caught up.
          void feedRef
            .catchUp()
            .then(async (missed) => {
              await refresh('board', 'today', 'tiles', 'utilization');
              setCaughtUp(missed);
            })
            .catch((error: Error) => setFailure(error.message));
        }
      },
    });
    const load = {
      board: () => graph.query(BoardDocument),
      today: () => graph.query(TodayDocument),
      tiles: () => graph.query(TilesDocument),
      utilization: () => graph.query(UtilizationDocument, thisWeek()),
    };
    // Events can come faster than answers: an answer older than one already shown is dropped, so a
    // slow fetch started before the last move never puts the board back as it was.
    const asked: Record<keyof Data, number> = { board: 0, today: 0, tiles: 0, utilization: 0 };
    const shown: Record<keyof Data, number> = { board: 0, today: 0, tiles: 0, utilization: 0 };
    const refresh = (...panels: (keyof Data)[]) =>
      Promise.all(
        panels.map((panel) => {
          const turn = ++asked[panel];
          return load[panel]()
            .then((value) => {
              if (turn < shown[panel]) return;
              shown[panel] = turn;
              setData((current) => ({ ...current, [panel]: value }));
            })
            .catch((error: Error) => setFailure(error.message));
        }),
      );
    void refresh('board', 'today', 'tiles', 'utilization');
    feedRef = createLiveFeed(graph, (event) => {
      setFeed((current) => [event, ...current].slice(0, 50));
      void refresh(...(event.kind === 'move' ? (['board', 'today'] as const) : (['today'] as const)));
    });
    void feedRef.start().catch((error: Error) => setFailure(error.message));
    graph.subscribe(InvoiceChangedDocument, () => void refresh('tiles'));
    graph.subscribe(OverAllocatedDocument, () => void refresh('utilization'));
    // Only the clocks' display ticks; the data does not.
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(tick);
      graph.close();
    };
  }, [url, token]);

  const me = data.tiles?.me;
  return (
    <div class="dashboard">
      <header class="top">
        <h1>{me?.organization.name ?? 'FlowLedger'}</h1>
        <ConnectionBadge connection={connection} caughtUp={caughtUp} />
        <span class="who">{me?.user?.name}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {failure ? <p class="failure">{failure}</p> : null}
      <main>
        <div class="left">
          {data.today ? <TodayPanel today={data.today} now={now} /> : <p class="quiet">Loading today…</p>}
          <Alarms feed={feed} />
        </div>
        <div class="right">
          {data.tiles ? <Tiles tiles={data.tiles} utilization={data.utilization} /> : null}
          {data.board ? <Board board={data.board} /> : <p class="quiet">Loading the board…</p>}
          <Activity feed={feed} />
        </div>
      </main>
    </div>
  );
}

function ConnectionBadge({ connection, caughtUp }: { connection: ConnectionState; caughtUp: number | null }) {
  if (connection.kind === 'lost') {
    return (
      <span class="badge lost" role="status" data-connection="lost">
        Connection lost — reconnecting…
      </span>
    );
  }
  if (connection.kind === 'connecting') {
    return (
      <span class="badge" role="status" data-connection="connecting">
        Connecting…
      </span>
    );
  }
  return (
    <span class="badge live" role="status" data-connection="live">
      Live{connection.reconnected && caughtUp !== null ? ` — reconnected, caught up ${caughtUp} missed event${caughtUp === 1 ? '' : 's'}` : ''}
    </span>
  );
}
