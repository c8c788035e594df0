import { Actor } from '@hearth/auth';
import { canRecordInspection, canSeeInspection } from './inspection-access';

const LANDLORD = '5f1d2c3b-8e4a-4f6b-9c7d-2a1b3c4d5e6f';
const inspection = { landlordId: LANDLORD, inspectorId: 'inspector-ann' };

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({ id: 'user-1', role, ...extra });

describe('inspection access', () => {
  it.each(['sra_admin', 'sra_staff'] as const)('lets %s see and record any inspection', (role) => {
    expect(canSeeInspection(actor(role), inspection)).toBe(true);
    expect(canRecordInspection(actor(role), inspection)).toBe(true);
  });

  it('lets the assigned inspector see and record, and no other inspector', () => {
    expect(canSeeInspection(actor('inspector', { id: 'inspector-ann' }), inspection)).toBe(true);
    expect(canRecordInspection(actor('inspector', { id: 'inspector-ann' }), inspection)).toBe(true);
    expect(canSeeInspection(actor('inspector', { id: 'inspector-bob' }), inspection)).toBe(false);
    expect(canRecordInspection(actor('inspector', { id: 'inspector-bob' }), inspection)).toBe(false);
    expect(canSeeInspection(actor('inspector', { id: 'inspector-ann' }), { ...inspection, inspectorId: null })).toBe(false);
  });

  it('lets the owning landlord see but never record', () => {
    expect(canSeeInspection(actor('landlord', { landlordId: LANDLORD }), inspection)).toBe(true);
    expect(canRecordInspection(actor('landlord', { landlordId: LANDLORD }), inspection)).toBe(false);
    expect(canSeeInspection(actor('landlord', { landlordId: 'someone-else' }), inspection)).toBe(false);
  });

  it.each(['caseworker', 'board_member'] as const)('lets a %s neither see nor record', (role) => {
    expect(canSeeInspection(actor(role), inspection)).toBe(false);
    expect(canRecordInspection(actor(role), inspection)).toBe(false);
  });
});
