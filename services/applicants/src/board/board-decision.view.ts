import { BoardDecision } from './domain/board-decision.entity';

export function toBoardDecisionView(decision: BoardDecision, reference: string) {
  return {
    id: decision.id,
    reference,
    kind: decision.kind,
    points: decision.points,
    justification: decision.justification,
    decidedBy: decision.decidedBy,
    decidedAt: decision.decidedAt,
    active: decision.isActive,
    reversedAt: decision.reversedAt,
    reversedBy: decision.reversedBy,
    reversalJustification: decision.reversalJustification,
  };
}

export type BoardDecisionView = ReturnType<typeof toBoardDecisionView>;
