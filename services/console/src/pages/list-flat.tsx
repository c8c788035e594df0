import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useApiMutation } from '../api/hooks';
import { describeError, fieldErrors } from '../components/states';
import type { Unit } from './types';

const TYPES = ['apartment', 'studio', 'house', 'room'];
const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

interface Draft {
  address: string;
  postalCode: string;
  city: string;
  districtCode: string;
  buildingId: string;
  type: string;
  bedrooms: number | string;
  floorArea: number | string;
  floor: number | string;
  maxOccupants: number | string;
  rent: number | string;
  serviceCharges: number | string;
  energyLabel: string;
  availableFrom: string;
  elevator: boolean;
  stepFree: boolean;
  wheelchairAccessible: boolean;
  petsAllowed: boolean;
  furnished: boolean;
}

const EMPTY: Draft = {
  address: '',
  postalCode: '',
  city: '',
  districtCode: '',
  buildingId: '',
  type: 'apartment',
  bedrooms: 1,
  floorArea: '',
  floor: 0,
  maxOccupants: 2,
  rent: '',
  serviceCharges: 0,
  energyLabel: 'C',
  availableFrom: '',
  elevator: false,
  stepFree: false,
  wheelchairAccessible: false,
  petsAllowed: false,
  furnished: false,
};

const number = (value: number | string) => (value === '' ? undefined : Number(value));

/** A landlord lists a flat (a draft) and, if they wish, submits it for its initial inspection at once. */
export default function ListFlatPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [submitAfter, setSubmitAfter] = useState(true);
  const create = useApiMutation((body: Record<string, unknown>) => ({ path: '/units/units', body }));
  const submit = useApiMutation((unit: Unit) => ({ path: `/units/units/${unit.id}/submit`, body: { expectedVersion: unit.version } }));
  const errors = fieldErrors(create.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: keyof Draft) => ({ label: t(`flat.${key}`), value: draft[key] as string, onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value as never), error: errors[key], name: key });
  const num = (key: keyof Draft, extra: Record<string, unknown> = {}) => ({ label: t(`flat.${key}`), value: draft[key] as number | string, onChange: (v: number | string) => set(key, v as never), error: errors[key], name: key, ...extra });
  const flag = (key: keyof Draft) => ({ label: t(`flat.${key}`), checked: draft[key] as boolean, onChange: (e: { currentTarget: { checked: boolean } }) => set(key, e.currentTarget.checked as never), name: key });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...draft,
      buildingId: draft.buildingId || `${draft.postalCode}-${draft.address}`.slice(0, 64),
      bedrooms: number(draft.bedrooms),
      floorArea: number(draft.floorArea),
      floor: number(draft.floor),
      maxOccupants: number(draft.maxOccupants),
      rent: number(draft.rent),
      serviceCharges: number(draft.serviceCharges),
      availableFrom: draft.availableFrom || null,
    };
    const unit = (await create.mutateAsync(body).catch(() => undefined)) as Unit | undefined;
    if (!unit) return;
    // Saved but not submitted (the agency's agreement not signed yet, say): the reason stays on screen.
    if (submitAfter && !(await submit.mutateAsync(unit).then(() => true, () => false))) return;
    navigate('/my-flats');
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack maw={720}>
        <Title order={2}>{t('listFlat.title')}</Title>
        <div className="grid-2">
          <TextInput {...text('address')} required />
          <TextInput {...text('postalCode')} required />
          <TextInput {...text('city')} required />
          <TextInput {...text('districtCode')} required />
          <TextInput {...text('buildingId')} description={t('listFlat.buildingHelp')} />
          <NativeSelect {...text('type')} data={TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }))} />
          <NumberInput {...num('bedrooms', { min: 0, max: 10 })} />
          <NumberInput {...num('floorArea', { min: 1 })} required />
          <NumberInput {...num('floor', { min: -2, max: 100 })} />
          <NumberInput {...num('maxOccupants', { min: 1, max: 20 })} />
          <NumberInput {...num('rent', { min: 0, decimalScale: 2 })} required />
          <NumberInput {...num('serviceCharges', { min: 0, decimalScale: 2 })} />
          <NativeSelect {...text('energyLabel')} data={LABELS} />
          <TextInput {...text('availableFrom')} type="date" />
        </div>
        <Group>
          <Checkbox {...flag('elevator')} />
          <Checkbox {...flag('stepFree')} />
          <Checkbox {...flag('wheelchairAccessible')} />
          <Checkbox {...flag('petsAllowed')} />
          <Checkbox {...flag('furnished')} />
        </Group>
        <Checkbox label={t('listFlat.submitAfter')} checked={submitAfter} onChange={(e) => setSubmitAfter(e.currentTarget.checked)} />
        {(create.error || submit.error) && (
          <Alert color="red" role="alert">
            {Object.keys(errors).length > 0 ? t('listFlat.fixFields') : describeError(create.error ?? submit.error, t)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending || submit.isPending}>
            {t('listFlat.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
