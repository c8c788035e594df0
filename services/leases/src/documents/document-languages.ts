import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOCUMENT_LANGUAGES, DocumentLanguage } from './documents';

export const DEFAULT_DOCUMENT_LANGUAGE = Symbol('DEFAULT_DOCUMENT_LANGUAGE');

const isDocumentLanguage = (code: string | null | undefined): code is DocumentLanguage => (DOCUMENT_LANGUAGES as readonly string[]).includes(code ?? '');

/**
 * The language a document is printed in when the caller names none (decision 0029): the
 * recipient's. An owner's documents in the landlord's preferred language (from hearth.landlords);
 * a household's in the language staff recorded on its tenancy. The configured default
 * (LEASES_DOCUMENT_LANGUAGE) when nothing is known, or the language is not one documents are
 * written in.
 */
@Injectable()
export class DocumentLanguages {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DEFAULT_DOCUMENT_LANGUAGE) readonly fallback: DocumentLanguage,
  ) {}

  /** The owner of a head lease's flat. */
  ownerOfHeadLease(headLeaseId: string): Promise<DocumentLanguage> {
    return this.first('SELECT l.preferred_language AS language FROM head_leases h JOIN known_landlords l ON l.id = h.landlord_id WHERE h.id = $1', headLeaseId);
  }

  /** The owner of a tenancy's flat. */
  ownerOfTenancy(tenancyId: string): Promise<DocumentLanguage> {
    return this.first('SELECT l.preferred_language AS language FROM tenancies t JOIN known_landlords l ON l.id = t.landlord_id WHERE t.id = $1', tenancyId);
  }

  /** The household of a tenancy. */
  householdOfTenancy(tenancyId: string): Promise<DocumentLanguage> {
    return this.first('SELECT document_language AS language FROM tenancies WHERE id = $1', tenancyId);
  }

  private async first(sql: string, id: string): Promise<DocumentLanguage> {
    const [row]: { language: string | null }[] = await this.dataSource.query(sql, [id]);
    return isDocumentLanguage(row?.language) ? row.language : this.fallback;
  }
}
