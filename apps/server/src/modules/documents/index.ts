import { defineModule } from '../../platform/module.js';
import { documentPublicRoutes } from './public-routes.js';
import { documentRoutes } from './routes.js';

/** Documents: upload, the access rule, signing with the employee's qualified signature. */
export const documentsModule = defineModule({
  name: 'documents',
  tables: ['documents', 'documentSignatures', 'documentRenders'],
  routes: (app, ctx) => {
    documentRoutes(app, ctx);
    documentPublicRoutes(app, ctx);
  },
  journalTitles: {
    actions: {
      'document.uploaded': 'Загрузка документа',
      'document.signed': 'Подписание документа электронной подписью',
      'document.sign_failed': 'Подпись документа не создана: подпись не прошла проверку',
    },
    objectTypes: { document: 'Документ' },
  },
});

export { storedSignatureTime } from './queries.js';
export { documentFile } from './document-file.js';
export { addYears, RETENTION_YEARS } from './upload-document.js';

export { recordGeneratedDocument, type GeneratedDocumentInput } from './generated-document.js';
export { signDocumentIn, type SignOutcome, type SignDeps } from './sign-document.js';
export { documentSummaries, signatureFile, type DocumentSummary } from './case-documents.js';
