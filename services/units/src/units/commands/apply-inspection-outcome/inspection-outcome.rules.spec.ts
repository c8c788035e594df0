import { PendingReason, UNIT_STATUSES, UnitStatus } from '../../domain/unit-status';
import { CompletedInspection, DeficiencySeverity, InspectionType, unitTransitionFor } from './inspection-outcome.rules';

const inspection = (inspectionType: InspectionType, outcome: 'passed' | 'failed', mostSevere: DeficiencySeverity | null = null): CompletedInspection => ({
  inspectionId: '4b8f0a0e-9a7c-4d7e-8a3e-111111111111',
  unitId: '4b8f0a0e-9a7c-4d7e-8a3e-222222222222',
  inspectionType,
  outcome,
  mostSevere: outcome === 'failed' ? (mostSevere ?? 'low') : null,
});

const pending = (pendingReason: PendingReason | null) => ({ status: 'pending_inspection' as const, pendingReason });
const inStatus = (status: UnitStatus) => ({ status, pendingReason: null });
const othersThan = (...statuses: UnitStatus[]) => UNIT_STATUSES.filter((status) => !statuses.includes(status));

describe('how a completed inspection moves a unit', () => {
  it('makes a unit awaiting its first inspection available when its initial inspection passes', () => {
    expect(unitTransitionFor(pending('initial_inspection'), inspection('initial', 'passed'))).toBe('pass_inspection');
  });

  it.each(['periodic', 'complaint'] as const)('makes a unit suspended for repairs available again when a %s (re-)inspection passes', (type) => {
    expect(unitTransitionFor(pending('repairs'), inspection(type, 'passed'))).toBe('pass_inspection');
  });

  it.each(['periodic', 'complaint', 'move_in', 'move_out'] as const)('does not let a passed %s inspection release a unit still awaiting its first inspection', (type) => {
    expect(unitTransitionFor(pending('initial_inspection'), inspection(type, 'passed'))).toBeNull();
  });

  it.each(['initial', 'move_in'] as const)('does not let a passed %s inspection release a unit suspended for repairs', (type) => {
    expect(unitTransitionFor(pending('repairs'), inspection(type, 'passed'))).toBeNull();
  });

  it.each(['initial', 'periodic', 'complaint'] as const)('lets a passed %s inspection release a unit that went pending before the reason was recorded', (type) => {
    expect(unitTransitionFor(pending(null), inspection(type, 'passed'))).toBe('pass_inspection');
  });

  it.each(othersThan('pending_inspection'))('ignores a passed inspection of a %s unit', (status) => {
    expect(unitTransitionFor(inStatus(status), inspection('initial', 'passed'))).toBeNull();
  });

  it.each([
    ['periodic', 'life_threatening'],
    ['periodic', 'severe'],
    ['complaint', 'life_threatening'],
    ['complaint', 'severe'],
  ] as const)('suspends an available unit when a %s inspection finds a %s deficiency', (type, severity) => {
    expect(unitTransitionFor(inStatus('available'), inspection(type, 'failed', severity))).toBe('suspend_for_repairs');
  });

  it.each(['moderate', 'low'] as const)('keeps a unit available when the worst deficiency is %s', (severity) => {
    expect(unitTransitionFor(inStatus('available'), inspection('periodic', 'failed', severity))).toBeNull();
  });

  it.each(['initial', 'move_in', 'move_out'] as const)('does not suspend a unit for a failed %s inspection', (type) => {
    expect(unitTransitionFor(inStatus('available'), inspection(type, 'failed', 'life_threatening'))).toBeNull();
  });

  it('leaves a unit awaiting inspection as it is when its initial inspection fails', () => {
    expect(unitTransitionFor(pending('initial_inspection'), inspection('initial', 'failed', 'severe'))).toBeNull();
  });

  it.each(['passed', 'failed'] as const)('makes a vacating unit available when its move-out inspection is %s without serious deficiencies', (outcome) => {
    expect(unitTransitionFor(inStatus('vacating'), inspection('move_out', outcome, 'moderate'))).toBe('relet_ready');
  });

  it.each(['life_threatening', 'severe'] as const)('keeps a vacating unit for repairs when its move-out inspection finds a %s deficiency', (severity) => {
    expect(unitTransitionFor(inStatus('vacating'), inspection('move_out', 'failed', severity))).toBe('suspend_for_repairs');
  });

  it('releases a unit held for repairs after its move-out inspection when the re-inspection passes', () => {
    expect(unitTransitionFor(pending('repairs'), inspection('move_out', 'passed'))).toBe('pass_inspection');
  });

  it.each(['initial', 'periodic', 'move_in', 'complaint'] as const)('leaves a vacating unit as it is after a %s inspection', (type) => {
    expect(unitTransitionFor(inStatus('vacating'), inspection(type, 'passed'))).toBeNull();
    expect(unitTransitionFor(inStatus('vacating'), inspection(type, 'failed', 'life_threatening'))).toBeNull();
  });

  it.each(othersThan('available', 'vacating'))('does not suspend a %s unit', (status) => {
    expect(unitTransitionFor(inStatus(status), inspection('complaint', 'failed', 'life_threatening'))).toBeNull();
  });
});
