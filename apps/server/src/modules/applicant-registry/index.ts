import { defineModule } from '../../platform/module.js';

/**
 * The applicants registry of a municipality (its personal data, 152-ФЗ): individuals, sole
 * proprietors, legal entities; representatives and their grounds; the documents applicants already
 * gave (once-only, 004 item 9).
 */
export const applicantRegistryModule = defineModule({
  name: 'applicant-registry',
  tables: ['applicantRecords', 'representativeAuthorities', 'heldDocuments'],
});
