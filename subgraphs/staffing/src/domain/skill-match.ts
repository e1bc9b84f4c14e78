import Big from 'big.js';

/**
 * Ranking staff for skill requirements, as data in and verdicts out (no I/O):
 * - a skill counts when the person's level is at least the minimum and its certification, if any,
 *   has not ended before the window starts;
 * - coverage = requirements met ÷ requirements; only people meeting at least one are ranked;
 * - levelSurplus = mean (level − minimum) over the met requirements ÷ 4 (0 … 1);
 * - availability = free share of capacity over the window (0 … 1), from the utilization figures;
 *   below `minAvailability` a person is left out;
 * - score = 0.6 × coverage + 0.25 × availability + 0.15 × levelSurplus, four decimals.
 * Order: score, then coverage, then availability (all descending), then name, then id — so equal
 * inputs always rank the same way.
 */
export const SCORE_WEIGHTS = { coverage: '0.6', availability: '0.25', levelSurplus: '0.15' } as const;

export interface Requirement {
  skillId: string;
  minLevel: number;
}
export interface Candidate {
  id: string;
  name: string;
  skills: readonly { skillId: string; level: number; certifiedUntil: string | null }[];
  /** Free share of capacity over the window, as a decimal string 0 … 1. */
  availability: string;
}
export interface RankedRequirement {
  skillId: string;
  minLevel: number;
  level: number | null;
  met: boolean;
}
export interface RankedCandidate {
  staffId: string;
  score: string;
  coverage: string;
  levelSurplus: string;
  availability: string;
  requirements: RankedRequirement[];
}

const fixed4 = (value: Big) => value.round(4, Big.roundHalfUp).toFixed(4);

export function rankCandidates(options: { requirements: readonly Requirement[]; from: string; minAvailability: string; candidates: readonly Candidate[] }) {
  const ranked: (RankedCandidate & { name: string })[] = [];
  for (const person of options.candidates) {
    if (new Big(person.availability).lt(options.minAvailability)) continue;
    const requirements = options.requirements.map((r) => {
      const held = person.skills.find((s) => s.skillId === r.skillId && (s.certifiedUntil === null || s.certifiedUntil >= options.from));
      return { skillId: r.skillId, minLevel: r.minLevel, level: held?.level ?? null, met: held !== undefined && held.level >= r.minLevel };
    });
    const met = requirements.filter((r) => r.met);
    if (met.length === 0) continue;
    const coverage = new Big(met.length).div(requirements.length);
    const levelSurplus = met
      .reduce((sum, r) => sum.plus(r.level! - r.minLevel), new Big(0))
      .div(met.length)
      .div(4);
    const availability = new Big(person.availability);
    const score = coverage
      .times(SCORE_WEIGHTS.coverage)
      .plus(availability.times(SCORE_WEIGHTS.availability))
      .plus(levelSurplus.times(SCORE_WEIGHTS.levelSurplus));
    ranked.push({
      staffId: person.id,
      name: person.name,
      score: fixed4(score),
      coverage: fixed4(coverage),
      levelSurplus: fixed4(levelSurplus),
      availability: fixed4(availability),
      requirements,
    });
  }
  const descending = (a: string, b: string) => new Big(b).cmp(a);
  return ranked
    .sort(
      (a, b) =>
        descending(a.score, b.score) ||
        descending(a.coverage, b.coverage) ||
        descending(a.availability, b.availability) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.staffId < b.staffId ? -1 : 1),
    )
    .map(({ name: _name, ...rest }) => rest);
}

/** Free share of capacity from window totals: 1 − allocated ÷ capacity, within 0 … 1 (no capacity: 0). */
export function availabilityShare(capacityHours: string, allocatedHours: string): string {
  const capacity = new Big(capacityHours);
  if (capacity.lte(0)) return '0.0000';
  const free = new Big(1).minus(new Big(allocatedHours).div(capacity));
  return fixed4(free.lt(0) ? new Big(0) : free);
}
