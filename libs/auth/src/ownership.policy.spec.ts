import { NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';
import { assertCanSeeLandlordRecord, isStaff, scopeLandlordId } from './ownership.policy';

const landlord: Actor = { id: 'user-1', role: 'landlord', landlordId: 'landlord-1' };
const admin: Actor = { id: 'user-2', role: 'sra_admin' };
const staff: Actor = { id: 'user-3', role: 'sra_staff' };
const caseworker: Actor = { id: 'user-4', role: 'caseworker' };

describe('ownership policy', () => {
  it('counts only sra_admin and sra_staff as staff', () => {
    expect([admin, staff, caseworker, landlord].map(isStaff)).toEqual([true, true, false, false]);
  });

  it('lets a landlord see their own record', () => {
    expect(() => assertCanSeeLandlordRecord(landlord, 'landlord-1')).not.toThrow();
  });

  it("hides another landlord's record behind a 404", () => {
    expect(() => assertCanSeeLandlordRecord(landlord, 'landlord-2')).toThrow(NotFoundException);
  });

  it('throws the caller-supplied not-found error so the 404 looks like a missing record', () => {
    const missing = new Error('Unit u-1 not found');

    expect(() => assertCanSeeLandlordRecord(landlord, 'landlord-2', () => missing)).toThrow(missing);
  });

  it('lets staff see any landlord record', () => {
    expect(() => assertCanSeeLandlordRecord(staff, 'landlord-2')).not.toThrow();
  });

  it('forces a landlord list filter to their own id and leaves staff unfiltered', () => {
    expect(scopeLandlordId(landlord)).toBe('landlord-1');
    expect(scopeLandlordId(admin)).toBeUndefined();
  });
});
