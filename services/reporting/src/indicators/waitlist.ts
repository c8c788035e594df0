import { PROGRAMMES, Question } from './question';

export interface Flows {
  /** Registered in the period. */
  registered: number;
  /** Waitlisted for the first time in the period. */
  waitlisted: number;
  /** Housed in the period (as in time to house). */
  housed: number;
  /** Left (withdrawn or exited) in the period before being housed. */
  left: number;
  /** On asOf: waitlisted by then, neither housed nor gone (as in time to house), and of those paused. */
  waiting: number;
  paused: number;
}

export interface Waitlist extends Flows {
  byProgramme: ({ programme: string } & Flows)[];
}

const FLOWS = ['registered', 'waitlisted', 'housed', 'left', 'waiting', 'paused'] as const;

function sum(rows: readonly Flows[]): Flows {
  const total = { registered: 0, waitlisted: 0, housed: 0, left: 0, waiting: 0, paused: 0 };
  for (const row of rows) for (const flow of FLOWS) total[flow] += row[flow];
  return total;
}

/** The waitlist (docs/indicators.md#waitlist): households in and out in the period, and waiting on
 *  asOf, counted by the database per programme (IndicatorSource.waitlist; `unknown` when reporting
 *  never learnt it), overall and by programme. */
export function waitlist(question: Question, byProgramme: readonly ({ programme: string } & Flows)[]): Waitlist {
  const programmes = question.programme ? [question.programme] : [...PROGRAMMES];
  return { ...sum(byProgramme), byProgramme: programmes.map((programme) => ({ programme, ...sum(byProgramme.filter((row) => row.programme === programme)) })) };
}
