import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PhotoType } from './photo-type';

/** A photo taken during an inspection; checklist answers and deficiencies name it by its id. */
@Entity('photos')
export class Photo {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'inspection_id' }) inspectionId: string;
  /** Hex SHA-256 of the bytes: the same image uploaded again for the same inspection is the same photo. */
  @Column('text') sha256: string;
  @Column('text', { name: 'content_type' }) contentType: PhotoType;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  /** Never loaded unless asked for (`select`): lists and checks read the other columns only. */
  @Column('bytea', { select: false }) data: Buffer;
  @Column('timestamptz', { name: 'uploaded_at' }) uploadedAt: Date;
  @Column('text', { name: 'uploaded_by' }) uploadedBy: string;
}
