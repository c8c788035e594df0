import { z } from 'zod';
import { Applicant, DEFAULT_MAX_EXTRA_BEDROOMS, Instance, Unit } from './types';

/** Thrown by parseInstance; the message is one line naming the offending field. */
export class InvalidInstanceError extends Error {
  override readonly name = 'InvalidInstanceError';
}

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();
const districts = z.array(z.string());

// z.object strips unknown keys, so extra attributes never reach the engine.
const applicantSchema = z.object({
  id: z.string().min(1),
  householdSize: count,
  bedroomsNeeded: count,
  maxRent: amount,
  wheelchair: z.boolean(),
  stepFree: z.boolean(),
  pets: z.boolean(),
  excludedDistricts: districts,
  preferredDistricts: districts,
  priority: z.number(),
  waitingDays: amount,
});

const unitSchema = z.object({
  id: z.string().min(1),
  buildingId: z.string().min(1),
  district: z.string(),
  bedrooms: count,
  maxOccupants: count,
  rent: amount,
  wheelchairAccessible: z.boolean(),
  stepFree: z.boolean(),
  petsAllowed: z.boolean(),
});

const instanceSchema = z.object({
  policy: z.object({
    mode: z.enum(['priority', 'optimal']),
    weights: z.object({ priority: z.number(), waiting: z.number(), preference: z.number(), fit: z.number() }),
    maxPerBuilding: count.nullable(),
    maxExtraBedrooms: count.optional().default(DEFAULT_MAX_EXTRA_BEDROOMS),
    maxPerDistrict: z.union([count, z.record(z.string(), count)]).nullable().optional(),
  }),
  applicants: z.array(applicantSchema),
  units: z.array(unitSchema),
  excludedPairs: z.array(z.object({ applicantId: z.string().min(1), unitId: z.string().min(1) })).optional(),
});

/** Validates an instance read from JSON; throws InvalidInstanceError with a one-line message. */
export function parseInstance(json: unknown): Instance {
  const instance = acceptValidRowsQuickly(json) ?? parseWithSchema(json);
  rejectDuplicates(instance.applicants, 'applicant', 'applicants');
  rejectDuplicates(instance.units, 'unit', 'units');
  const split = buildingAcrossDistricts(instance.units);
  if (split) throw new InvalidInstanceError(split);
  return instance;
}

/** The schema alone: the reference the quick path is held to, and the wording of every problem. */
export function parseWithSchema(json: unknown): Instance {
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidInstanceError(describeIssue(parsed.error.issues[0], json));
  }
  return parsed.data;
}

/**
 * The schema's rules for one applicant or unit, checked by hand: a city's 100,000 households take
 * the schema over a second on a first run, these checks a few milliseconds. Returns the instance
 * only when every row passes (extra attributes dropped, as the schema does); anything else, valid
 * or not, goes through the schema, which alone words the problems. A property test holds the two
 * to the same answers.
 */
export function acceptValidRowsQuickly(json: unknown): Instance | null {
  if (!isRecord(json) || !Array.isArray(json.applicants) || !Array.isArray(json.units)) return null;
  const policy = instanceSchema.shape.policy.safeParse(json.policy);
  const excludedPairs = instanceSchema.shape.excludedPairs.safeParse(json.excludedPairs);
  if (!policy.success || !excludedPairs.success) return null;
  const applicants: Applicant[] = [];
  for (const row of json.applicants) {
    const applicant = applicantRow(row);
    if (!applicant) return null;
    applicants.push(applicant);
  }
  const units: Unit[] = [];
  for (const row of json.units) {
    const unit = unitRow(row);
    if (!unit) return null;
    units.push(unit);
  }
  return excludedPairs.data === undefined
    ? { policy: policy.data, applicants, units }
    : { policy: policy.data, applicants, units, excludedPairs: excludedPairs.data };
}

function applicantRow(row: unknown): Applicant | null {
  if (!isRecord(row)) return null;
  const { id, householdSize, bedroomsNeeded, maxRent, wheelchair, stepFree, pets, excludedDistricts, preferredDistricts, priority, waitingDays } = row;
  if (!isId(id) || !isCount(householdSize) || !isCount(bedroomsNeeded) || !isAmount(maxRent)) return null;
  if (typeof wheelchair !== 'boolean' || typeof stepFree !== 'boolean' || typeof pets !== 'boolean') return null;
  if (!isStrings(excludedDistricts) || !isStrings(preferredDistricts) || !isNumber(priority) || !isAmount(waitingDays)) return null;
  return {
    id,
    householdSize,
    bedroomsNeeded,
    maxRent,
    wheelchair,
    stepFree,
    pets,
    excludedDistricts: [...excludedDistricts],
    preferredDistricts: [...preferredDistricts],
    priority,
    waitingDays,
  };
}

function unitRow(row: unknown): Unit | null {
  if (!isRecord(row)) return null;
  const { id, buildingId, district, bedrooms, maxOccupants, rent, wheelchairAccessible, stepFree, petsAllowed } = row;
  if (!isId(id) || !isId(buildingId) || typeof district !== 'string' || !isCount(bedrooms) || !isCount(maxOccupants) || !isAmount(rent)) return null;
  if (typeof wheelchairAccessible !== 'boolean' || typeof stepFree !== 'boolean' || typeof petsAllowed !== 'boolean') return null;
  return { id, buildingId, district, bedrooms, maxOccupants, rent, wheelchairAccessible, stepFree, petsAllowed };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isAmount = (value: unknown): value is number => isNumber(value) && value >= 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * A building's flats share its district, which keeps building and district caps nested (each
 * building inside one district) and the optimum a network flow. Returns the problem, if any.
 */
export function buildingAcrossDistricts(units: readonly Pick<Unit, 'id' | 'buildingId' | 'district'>[]): string | null {
  const first = new Map<string, number>();
  for (let index = 0; index < units.length; index++) {
    const unit = units[index];
    const seen = first.get(unit.buildingId);
    if (seen === undefined) first.set(unit.buildingId, index);
    else if (units[seen].district !== unit.district) {
      return (
        `building ${JSON.stringify(unit.buildingId)} is in two districts: units[${seen}] (${JSON.stringify(units[seen].id)}) is in ` +
        `${JSON.stringify(units[seen].district)}, units[${index}] (${JSON.stringify(unit.id)}) in ${JSON.stringify(unit.district)}; ` +
        `a building's flats must share its district`
      );
    }
  }
  return null;
}

function rejectDuplicates(items: readonly { id: string }[], noun: string, field: string): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const first = firstIndex.get(item.id);
    if (first !== undefined) {
      throw new InvalidInstanceError(`duplicate ${noun} id ${JSON.stringify(item.id)} (${field}[${first}] and ${field}[${index}])`);
    }
    firstIndex.set(item.id, index);
  });
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, input: unknown): string {
  const where = formatPath(issue.path);
  const subject = where === '' ? 'instance' : where;
  switch (issue.code) {
    case 'invalid_type': {
      const nullable = issue.path[issue.path.length - 1] === 'maxPerBuilding';
      const expected = describeExpected(issue.expected) + (nullable ? ' or null' : '');
      return valueAt(input, issue.path) === undefined
        ? `${subject} is missing (expected ${expected})`
        : `${subject} must be ${expected}`;
    }
    case 'invalid_union':
      return `${subject} must be a whole number >= 0, an object of whole numbers >= 0 by district code, or null`;
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? `${subject} must not be empty` : `${subject} must be >= ${String(issue.minimum)}`;
    default:
      return `${subject}: ${issue.message}`;
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return `a ${expected}`;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.prototype.hasOwnProperty.call(current, key) ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return current;
}
