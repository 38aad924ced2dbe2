import { registerJournalTitles } from '../../platform/journal/titles.js';

registerJournalTitles({
  actions: {
    'document.uploaded': 'Загрузка документа',
    'document.signed': 'Подписание документа электронной подписью',
    'document.sign_failed': 'Подпись документа не создана: подпись не прошла проверку',
  },
  objectTypes: { document: 'Документ' },
});
