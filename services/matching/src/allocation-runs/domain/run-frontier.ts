import { Frontier, FrontierPoint, Instance, verifyFrontierPoint } from '@hearth/matching-engine';

type Described = Pick<FrontierPoint, 'totalScore' | 'assigned' | 'priorityHoused' | 'passedOver'>;

/** One point of a run's frontier, as the board reads it (its pairs and certificate are in the census). */
export interface RunFrontierPoint extends Described {
  /** 1 = the best overall allocation; higher points weigh priority more. */
  point: number;
  priorityWeight: number;
  objective: number;
  certificateValid: boolean;
}

export interface RunFrontier {
  points: RunFrontierPoint[];
  /** Strict priority order under the same caps, for comparison (not approvable: it is the priority mode). */
  strictPriority: Described;
}

/** The frontier's summary, each point's certificate checked as any reader of the census can. */
export function summarizeFrontier(instance: Instance, frontier: Frontier): RunFrontier {
  const describe = ({ totalScore, assigned, priorityHoused, passedOver }: Described): Described => ({ totalScore, assigned, priorityHoused, passedOver });
  return {
    points: frontier.points.map((point, i) => ({
      point: i + 1,
      priorityWeight: point.priorityWeight,
      objective: point.objective,
      ...describe(point),
      certificateValid: verifyFrontierPoint(instance, point).valid,
    })),
    strictPriority: describe(frontier.strictPriority),
  };
}
