import { defineModule } from '../../platform/module.js';
import { documentPublicRoutes } from './public-routes.js';
import { renderJobs } from './renders.js';
import { documentRoutes } from './routes.js';

/** Documents: upload, the access rule, signing with the employee's qualified signature. */
export const documentsModule = defineModule({
  name: 'documents',
  tables: ['documents', 'documentSignatures', 'documentRenders'],
  routes: (app, ctx) => {
    documentRoutes(app, ctx);
    documentPublicRoutes(app, ctx);
  },
  // Documents of the steps (000 item 2.5) are made after each step commits.
  jobs: ({ database, files, pki, config }) => ({
    handlers: renderJobs({ database, files, provider: pki.provider, config }),
  }),
  journalTitles: {
    actions: {
      'document.uploaded': 'Загрузка документа',
      'document.signed': 'Подписание документа электронной подписью',
      'document.sign_failed': 'Подпись документа не создана: подпись не прошла проверку',
      'document.generated': 'Формирование документа по шаблону',
      'document.render_failed': 'Документ по шаблону не сформирован',
      'document.version_uploaded': 'Загрузка новой редакции документа',
    },
    objectTypes: { document: 'Документ', document_render: 'Формирование документа' },
  },
});

export { storedSignatureTime } from './queries.js';
export { documentFile } from './document-file.js';
export { addYears, RETENTION_YEARS } from './upload-document.js';

export { recordGeneratedDocument, type GeneratedDocumentInput } from './generated-document.js';
export { signDocumentIn, type SignOutcome, type SignDeps } from './sign-document.js';
export {
  documentSummaries,
  signatureFile,
  signatureSummaries,
  type DocumentSummary,
  type SignatureSummary,
} from './case-documents.js';
export {
  requestRender,
  fileNameOf,
  whenRendered,
  latestRender,
  rendersOf,
  renderFailureReason,
  RENDER_QUEUE,
  EDITABLE_KINDS,
  PDF_MEDIA_TYPE,
  DOCX_MEDIA_TYPE,
  type ReadyRender,
  type RenderRequest,
  type RenderState,
} from './renders.js';
export { storeDocumentVersion, unsignedNextVersion, uploadDraftVersion } from './versions.js';
export { renderedDocuments, renderedDocumentIds, type RenderOwner } from './rendered-documents.js';
export { whosePersonalData, type DocumentOwner } from './document-owner.js';
