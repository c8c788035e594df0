import { PROGRAMMES, Question, within } from './question';
import { Journey } from './time-to-house';

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

function flows(question: Question, journeys: readonly Journey[]): Flows {
  const inPeriod = (day: string | null) => day !== null && day <= question.asOf && within(day, question);
  const waiting = journeys.filter((j) => j.firstWaitlistedOn !== null && j.housedOn === null && j.leftOn === null);
  return {
    registered: journeys.filter((j) => inPeriod(j.registeredOn)).length,
    waitlisted: journeys.filter((j) => inPeriod(j.firstWaitlistedOn)).length,
    housed: journeys.filter((j) => inPeriod(j.housedOn)).length,
    left: journeys.filter((j) => inPeriod(j.leftOn)).length,
    waiting: waiting.length,
    paused: waiting.filter((j) => j.paused).length,
  };
}

/** The waitlist (docs/indicators.md#waitlist): households in and out in the period, and waiting on asOf. */
export function waitlist(question: Question, journeys: readonly Journey[]): Waitlist {
  const programmes = question.programme ? [question.programme] : [...PROGRAMMES];
  return { ...flows(question, journeys), byProgramme: programmes.map((programme) => ({ programme, ...flows(question, journeys.filter((j) => j.programme === programme)) })) };
}
