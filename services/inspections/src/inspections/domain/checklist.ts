/**
 * The habitability checklist an inspector fills in, grouped by area. It is versioned: an
 * inspection records the version it was made against, so a later edition of the checklist never
 * changes what an earlier inspection means. Change it by adding a new version, never by editing
 * a published one.
 */
export interface ChecklistItem {
  code: string;
  label: string;
}

export interface ChecklistArea {
  code: string;
  label: string;
  items: readonly ChecklistItem[];
}

export interface Checklist {
  version: number;
  title: string;
  areas: readonly ChecklistArea[];
}

const HABITABILITY_V1: Checklist = {
  version: 1,
  title: 'Habitability standard',
  areas: [
    {
      code: 'structure_weatherproofing',
      label: 'Structure and weatherproofing',
      items: [
        { code: 'structure_sound', label: 'Walls, floors, ceilings and stairs are sound, without structural cracks or collapse risk' },
        { code: 'roof_gutters_weathertight', label: 'Roof, gutters and downpipes keep rain out' },
      ],
    },
    {
      code: 'damp_mould',
      label: 'Damp and mould',
      items: [
        { code: 'no_rising_or_penetrating_damp', label: 'No rising or penetrating damp in walls, floors or ceilings' },
        { code: 'no_mould_growth', label: 'No mould growth in living spaces' },
      ],
    },
    {
      code: 'electrical_safety',
      label: 'Electrical safety',
      items: [
        { code: 'electrical_installation_safe', label: 'Installation inspected and compliant, with a residual-current device' },
        { code: 'no_exposed_wiring', label: 'No exposed wiring, damaged sockets or overloaded circuits' },
      ],
    },
    {
      code: 'gas_safety',
      label: 'Gas safety',
      items: [
        { code: 'gas_appliances_certified', label: 'Gas appliances serviced, with a valid safety certificate' },
        { code: 'flues_unobstructed', label: 'Flues and combustion air supply unobstructed' },
      ],
    },
    {
      code: 'heating',
      label: 'Heating',
      items: [{ code: 'fixed_heating_adequate', label: 'Fixed heating able to heat the living room and bedrooms' }],
    },
    {
      code: 'water',
      label: 'Hot and cold water',
      items: [
        { code: 'hot_and_cold_water', label: 'Hot and cold running water at the kitchen sink, wash basin and bath or shower' },
        { code: 'drainage_without_leaks', label: 'Drains and waste pipes work, without leaks' },
      ],
    },
    {
      code: 'kitchen',
      label: 'Kitchen',
      items: [{ code: 'kitchen_food_preparation', label: 'Sink, worktop, and space with connections for a cooker and a fridge' }],
    },
    {
      code: 'bathroom_wc',
      label: 'Bathroom and WC',
      items: [
        { code: 'wc_inside_dwelling', label: 'A working WC inside the dwelling, separate from the kitchen' },
        { code: 'bath_or_shower_and_basin', label: 'A bath or shower and a wash basin' },
      ],
    },
    {
      code: 'ventilation',
      label: 'Ventilation',
      items: [
        { code: 'kitchen_bathroom_extraction', label: 'Extraction or an opening window in the kitchen and bathroom' },
        { code: 'habitable_rooms_ventilated', label: 'Every habitable room can be ventilated' },
      ],
    },
    {
      code: 'natural_light',
      label: 'Natural light',
      items: [{ code: 'daylight_in_habitable_rooms', label: 'Every habitable room has a window giving daylight' }],
    },
    {
      code: 'smoke_alarms',
      label: 'Smoke alarms',
      items: [{ code: 'smoke_alarm_each_floor', label: 'A working smoke alarm on every floor of the dwelling' }],
    },
    {
      code: 'carbon_monoxide_alarm',
      label: 'Carbon-monoxide alarm',
      items: [{ code: 'co_alarm_near_combustion', label: 'A working carbon-monoxide alarm where a fuel-burning appliance is installed' }],
    },
    {
      code: 'windows',
      label: 'Windows',
      items: [
        { code: 'windows_open_close_seal', label: 'Windows open, close and seal' },
        { code: 'window_fall_protection', label: 'Restrictors or guarding where a fall from height is possible' },
      ],
    },
    {
      code: 'doors_security',
      label: 'Doors and security',
      items: [
        { code: 'entrance_door_secure', label: 'Entrance door solid and lockable; ground-floor windows lockable' },
        { code: 'escape_route_clear', label: 'A clear escape route in case of fire' },
      ],
    },
    {
      code: 'floor_area',
      label: 'Minimum floor area per occupant',
      items: [{ code: 'floor_area_per_occupant', label: 'Floor area meets the minimum per occupant for the flat’s maximum occupancy' }],
    },
    {
      code: 'pests',
      label: 'Pests',
      items: [{ code: 'no_infestation', label: 'No rodents, cockroaches, bed bugs or other infestation' }],
    },
  ],
};

const CHECKLISTS: ReadonlyMap<number, Checklist> = new Map([[HABITABILITY_V1.version, HABITABILITY_V1]]);

/** The edition new inspections are made against. */
export const CURRENT_CHECKLIST: Checklist = HABITABILITY_V1;

export function checklistVersion(version: number): Checklist {
  const checklist = CHECKLISTS.get(version);
  if (!checklist) throw new Error(`Unknown checklist version ${version}`);
  return checklist;
}

/** The item with this code and the area it belongs to, or undefined when the checklist has none. */
export function findChecklistItem(checklist: Checklist, code: string): { area: ChecklistArea; item: ChecklistItem } | undefined {
  for (const area of checklist.areas) {
    const item = area.items.find((candidate) => candidate.code === code);
    if (item) return { area, item };
  }
  return undefined;
}

export function checklistItemCodes(checklist: Checklist): string[] {
  return checklist.areas.flatMap((area) => area.items.map((item) => item.code));
}
