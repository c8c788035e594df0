import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What units knows of a landlord, built from hearth.landlords events only. */
@Entity('known_landlords')
export class KnownLandlord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  status: 'prospect' | 'active' | 'suspended' | 'offboarded';

  @Column('text', { name: 'signed_agreement_ids', array: true })
  signedAgreementIds: string[];

  /** The landlord aggregate version last applied; older or repeated events are ignored. */
  @Column('int', { name: 'landlord_version' })
  landlordVersion: number;

  get canListFlats(): boolean {
    return this.status === 'active';
  }
}
