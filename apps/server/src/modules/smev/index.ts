import { defineModule } from '../../platform/module.js';
import { IDLE_POLL_SECONDS, pollJob, POLL_QUEUE } from './poll-job.js';
import { smevRoutes } from './routes.js';
import { sendJob } from './send-job.js';

/**
 * Inter-agency requests through SMEV 3 (000 item 2.9, 004 item 11; 210-ФЗ ст. 7.2): the outbox the
 * cases module puts a stage's requests into, the jobs that send them and take the answers, the message
 * log and the monitoring. The protocol itself is platform/smev; the cases module decides what to ask
 * and does what an answer means for the case (whenSmevAnswered).
 */
export const smevModule = defineModule({
  name: 'smev',
  tables: ['smevRequests', 'smevMessages'],
  routes: (app, ctx) => smevRoutes(app, ctx),
  jobs: ({ database, files, smev, clock, pki, logger }) => ({
    handlers: {
      ...sendJob({ database, files, smev, clock }),
      ...pollJob({ database, files, smev, clock, provider: pki.provider, logger }),
    },
    recurring: [{ queue: POLL_QUEUE, everySeconds: IDLE_POLL_SECONDS }],
  }),
  journalTitles: {
    actions: {
      'smev.request_sent': 'Межведомственный запрос направлен через СМЭВ',
      'smev.request_failed': 'Межведомственный запрос не отправлен через СМЭВ',
      'smev.response_received': 'Получен ответ на межведомственный запрос через СМЭВ',
      'smev.request_rejected': 'Поставщик сведений отказал в ответе на межведомственный запрос',
      'smev.request_status': 'Получен промежуточный статус межведомственного запроса',
      'smev.response_refused': 'Ответ СМЭВ отклонён: подпись не прошла проверку',
    },
    objectTypes: { smev_request: 'Межведомственный запрос (СМЭВ)' },
  },
});

export { queueSmevRequest, type QueueSmevRequestInput } from './outbox.js';
export { whenSmevAnswered, type SmevAnswerEvent } from './answer-hooks.js';
export { smevDocumentsOfCase, smevRequestIdsOfCase, smevStatesOf } from './states.js';
