import type { BoardQuery, TilesQuery, TodayQuery, UtilizationQuery } from '../generated/graphql.ts';
import { STAGES, bySla, countdown, money } from './format.ts';
import type { FeedEvent } from './live-feed.ts';

type Card = NonNullable<BoardQuery['pursuits']>['edges'][number]['node'];

/** The pipeline board: a column per stage, its count and totals per currency, and its cards. */
export function Board({ board }: { board: BoardQuery }) {
  const cards = board.pursuits?.edges.map((edge) => edge.node) ?? [];
  const columns = new Map((board.pipelineBoard?.columns ?? []).map((column) => [column.stage, column]));
  return (
    <section class="board" aria-label="Pipeline board">
      {STAGES.map((stage) => {
        const column = columns.get(stage);
        const here = cards.filter((card: Card) => card.stage === stage);
        return (
          <div class="column" data-stage={stage} key={stage}>
            <header>
              <h3>{stage}</h3>
              <span class="count" data-testid={`count-${stage}`}>
                {column?.count ?? 0}
              </span>
            </header>
            <ul class="totals" data-testid={`totals-${stage}`}>
              {(column?.totals ?? []).map((total) => (
                <li key={total.currency}>
                  {money(total.total, total.currency)} <small>weighted {money(total.weighted, total.currency)}</small>
                </li>
              ))}
            </ul>
            <ul class="cards">
              {here.map((card) => (
                <li class="card" data-pursuit={card.id} key={card.id}>
                  <strong>{card.name}</strong>
                  <span>{card.client?.name ?? '—'}</span>
                  {card.value ? <span class="value">{money(card.value.amount, card.value.currency)}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** What needs someone now: breached and at-risk first, each with its clock counting down. */
export function TodayPanel({ today, now }: { today: TodayQuery; now: number }) {
  const items = [...(today.today ?? [])].sort(bySla);
  return (
    <section class="today" aria-label="Today">
      <h2>Today</h2>
      {items.length === 0 ? <p class="quiet">Nothing needs anyone right now.</p> : null}
      <ul>
        {items.map((item) => (
          <li class={`item sla-${(item.slaStatus ?? 'none').toLowerCase()}`} key={item.pursuit?.id ?? item.candidate?.id ?? item.reason}>
            <span class="what">{item.pursuit?.name ?? item.candidate?.title}</span>
            <span class="why">{item.reason}</span>
            {item.dueAt ? <span class="clock">{countdown(item.dueAt, now)}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** SLA alarms as they fire, newest first; the ones read back after a reconnect say so. */
export function Alarms({ feed }: { feed: FeedEvent[] }) {
  const alarms = feed.filter((entry) => entry.kind === 'sla' && (entry.event.to === 'BREACHED' || entry.event.to === 'AT_RISK'));
  return (
    <section class="alarms" aria-label="SLA alarms">
      <h2>SLA alarms</h2>
      {alarms.length === 0 ? <p class="quiet">No alarm since this page opened.</p> : null}
      <ul>
        {alarms.map((entry) =>
          entry.kind === 'sla' ? (
            <li class={`alarm sla-${entry.event.to.toLowerCase()}`} key={entry.event.id}>
              <strong>{entry.event.to === 'BREACHED' ? 'Breached' : 'At risk'}</strong> {entry.event.kind.toLowerCase()} —{' '}
              {entry.event.pursuit?.name ?? entry.event.candidate?.title}
              {entry.caughtUp ? <em> (while offline)</em> : null}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}

/** What moved since the page opened: the missed ones, read back after a reconnect, are marked. */
export function Activity({ feed }: { feed: FeedEvent[] }) {
  const moves = feed.filter((entry) => entry.kind === 'move');
  return (
    <section class="activity" aria-label="Activity">
      <h2>Moves</h2>
      <ul data-testid="activity">
        {moves.map((entry) =>
          entry.kind === 'move' ? (
            <li key={entry.event.id} data-caught-up={entry.caughtUp ? 'yes' : 'no'}>
              {entry.event.pursuit.name}: {entry.event.from ?? '—'} → {entry.event.to}
              {entry.caughtUp ? <em> (while offline)</em> : null}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}

/** Receivables (billing's) and this week's utilization (staffing's) beside the board. */
export function Tiles({ tiles, utilization }: { tiles: TilesQuery; utilization: UtilizationQuery | null }) {
  const receivables = tiles.receivables;
  const people = utilization?.utilization ?? [];
  const capacity = people.reduce((sum, person) => sum + Number(person.capacityHours), 0);
  const allocated = people.reduce((sum, person) => sum + Number(person.allocatedHours), 0);
  const over = people.filter((person) => person.overAllocated).length;
  return (
    <section class="tiles" aria-label="Tiles">
      <div class="tile">
        <h2>Receivables</h2>
        <p class="big">{receivables ? money(receivables.totals.total, receivables.baseCurrency) : '—'}</p>
        <p class="quiet">{receivables ? `${money(receivables.totals.current, receivables.baseCurrency)} not yet due` : 'billing unavailable'}</p>
      </div>
      <div class="tile">
        <h2>Utilization this week</h2>
        <p class="big" data-testid="utilization">{capacity > 0 ? `${Math.round((allocated / capacity) * 100)} %` : '—'}</p>
        <p class="quiet">{utilization ? `${people.length} people, ${over} over-allocated` : 'staffing unavailable'}</p>
      </div>
    </section>
  );
}
