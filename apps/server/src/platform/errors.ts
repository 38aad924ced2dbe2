/**
 * The one error type. A stable code, an HTTP status from one table, a Russian message for people
 * (no variables inside it) and, for validation, the fields at fault.
 */
export const ERRORS = {
  validation: { status: 400, message: 'Проверьте правильность заполнения полей' },
  bad_request: { status: 400, message: 'Некорректный запрос' },
  calendar_file_invalid: {
    status: 400,
    message: 'Файл производственного календаря не прошёл проверку: исправьте указанную строку',
  },
  unauthenticated: { status: 401, message: 'Требуется вход в систему' },
  session_expired: { status: 401, message: 'Сеанс завершён из-за бездействия. Войдите снова' },
  session_lifetime_exceeded: {
    status: 401,
    message: 'Сеанс завершён: истёк предельный срок его действия. Войдите снова',
  },
  csrf: { status: 403, message: 'Запрос отклонён: отсутствует или неверен токен защиты от подделки запроса' },
  forbidden: { status: 403, message: 'Недостаточно прав для выполнения операции' },
  employee_blocked: { status: 403, message: 'Учётная запись сотрудника заблокирована' },
  installation_role_reserved: {
    status: 403,
    message:
      'Роль «Администратор установки» назначает и снимает только администратор установки, а не оператор муниципального образования',
  },
  esia_unknown_employee: {
    status: 403,
    message:
      'Сотрудник с СНИЛС из вашей учётной записи Госуслуг не найден. Обратитесь к оператору системы вашего муниципального образования',
  },
  esia_person_incomplete: {
    status: 403,
    message:
      'В учётной записи Госуслуг нет сведений, необходимых для входа (ФИО и СНИЛС). Подтвердите учётную запись на Госуслугах',
  },
  esia_unconfirmed_account: {
    status: 403,
    message:
      'Вход сотрудника возможен только с подтверждённой учётной записью Госуслуг. Подтвердите учётную запись и войдите снова',
  },
  esia_bound_to_other: {
    status: 403,
    message:
      'Эта учётная запись сотрудника связана с другой учётной записью Госуслуг. Вход не выполнен. Обратитесь к оператору системы вашего муниципального образования',
  },
  esia_snils_mismatch: {
    status: 403,
    message:
      'СНИЛС в вашей учётной записи Госуслуг не совпадает со СНИЛС в карточке сотрудника. Вход не выполнен. Обратитесь к оператору системы вашего муниципального образования',
  },
  esia_cancelled: { status: 400, message: 'Вход через Госуслуги отменён' },
  esia_sign_in_invalid: {
    status: 400,
    message: 'Вход не завершён: ссылка устарела или уже использована. Начните вход заново',
  },
  not_found: { status: 404, message: 'Объект не найден' },
  route_not_found: { status: 404, message: 'Такой страницы или метода API нет' },
  reference_directory_unknown: { status: 404, message: 'Такого справочника нет' },
  conflict: { status: 409, message: 'Операция противоречит текущему состоянию данных' },
  duplicate: { status: 409, message: 'Такая запись уже существует' },
  reference_code_taken: { status: 409, message: 'В справочнике уже есть значение с таким кодом' },
  applicant_duplicates: {
    status: 409,
    message:
      'Возможно, заявитель уже есть в реестре: проверьте найденные записи и подтвердите, что это другой человек',
  },
  applicant_identifier_taken: {
    status: 409,
    message: 'В реестре заявителей уже есть запись с таким идентификатором',
  },
  snils_taken: { status: 409, message: 'Сотрудник с таким СНИЛС уже есть в этом муниципальном образовании' },
  org_unit_cycle: { status: 409, message: 'Подразделение не может входить само в себя' },
  self_block: { status: 409, message: 'Нельзя заблокировать собственную учётную запись' },
  snils_change_pending: {
    status: 409,
    message:
      'Изменение СНИЛС этого сотрудника уже ожидает подтверждения. Подтвердите или отклоните его, прежде чем вводить другой СНИЛС',
  },
  snils_change_not_pending: { status: 409, message: 'Нет изменения СНИЛС, ожидающего подтверждения' },
  snils_change_own: {
    status: 403,
    message: 'Изменение СНИЛС подтверждает другой человек: не тот, кто его запросил, и не сам сотрудник',
  },
  snils_change_not_allowed: {
    status: 403,
    message:
      'Решить об изменении СНИЛС может руководитель подразделения сотрудника (или вышестоящего подразделения) либо другой оператор системы',
  },
  wrong_state: { status: 409, message: 'Действие недоступно в текущем состоянии объекта' },
  consultation_not_own: {
    status: 403,
    message: 'Завершить или отменить консультацию может только сотрудник, который её зарегистрировал',
  },
  consultation_already_finished: {
    status: 409,
    message: 'Консультация уже завершена. Повторное действие ничего не изменило',
  },
  consultation_already_discarded: {
    status: 409,
    message: 'Консультация уже отменена. Повторное действие ничего не изменило',
  },
  no_signing_certificate: {
    status: 409,
    message: 'У вас нет действующего сертификата электронной подписи. Обратитесь к оператору',
  },
  certificate_expired: {
    status: 409,
    message: 'Срок действия вашего сертификата электронной подписи истёк. Обратитесь к оператору',
  },
  certificate_exists: {
    status: 409,
    message: 'У сотрудника уже есть действующий сертификат. Чтобы выпустить новый, отзовите прежний',
  },
  certificate_not_yours: {
    status: 403,
    message:
      'Сертификат электронной подписи выдан на другой СНИЛС, чем сообщили Госуслуги при вашем входе. Документ не подписан. Обратитесь к оператору',
  },
  sign_in_again: {
    status: 403,
    message: 'Чтобы подписывать документы, войдите в систему заново через Госуслуги',
  },
  pin_not_set: {
    status: 409,
    message:
      'Перед первой подписью задайте собственный PIN-код: «Сменить PIN-код» в разделе «Документы» (PIN-код, полученный от оператора, подходит только для этого). Документ не подписан',
  },
  installation_ca_protected: {
    status: 409,
    message:
      'Удостоверяющий центр установки нельзя исключить из доверенных: им выданы сертификаты сотрудников всех муниципальных образований и подписаны печати журнала',
  },
  signature_not_verified: {
    status: 409,
    message:
      'Документ не подписан: созданная подпись не прошла проверку и не сохранена. Сообщите администратору установки',
  },
  // Cases (000 items 3.4, 3.5; 004 item 8). The engine's own words go in the error's fields.
  action_not_allowed: {
    status: 409,
    message: 'Действие не предусмотрено технологической схемой услуги на этом этапе для вашей роли',
  },
  case_taken: {
    status: 409,
    message: 'Дело уже назначено другому исполнителю. Обновите список',
  },
  case_changed: {
    status: 409,
    message: 'Дело изменилось, пока вы с ним работали: действие не выполнено. Обновите страницу и повторите',
  },
  case_closed: { status: 409, message: 'Предоставление услуги по этому делу завершено' },
  case_not_executor: {
    status: 403,
    message: 'Действие выполняет ответственный исполнитель дела. Сначала нажмите «Назначить мне»',
  },
  assignee_not_in_unit: {
    status: 409,
    message: 'Исполнителем можно назначить только сотрудника подразделения, ответственного за дело',
  },
  withdrawal_too_late: {
    status: 409,
    message: 'Заявление нельзя отозвать: решение по нему уже подписано или предоставление услуги завершено',
  },
  idempotency_key_reused: {
    status: 422,
    message: 'Ключ идемпотентности (Idempotency-Key) уже использован для другого запроса',
  },
  case_request_not_open: {
    status: 409,
    message: 'На запрос уже получен ответ или запрос отменён. Обновите страницу',
  },
  intra_request_not_yours: {
    status: 403,
    message: 'Ответ на внутриведомственный запрос даёт подразделение, которому он направлен',
  },
  idempotency_key_invalid: {
    status: 400,
    message: 'Ключ идемпотентности (Idempotency-Key) должен состоять из 1–200 видимых символов ASCII',
  },
  service_code_taken: { status: 409, message: 'Услуга с таким кодом уже есть в реестре услуг' },
  service_parent_invalid: {
    status: 409,
    message: 'Подуслугу можно добавить только к услуге, которая сама не является подуслугой',
  },
  service_no_draft: { status: 409, message: 'У услуги нет черновика' },
  service_not_published: {
    status: 409,
    message:
      'У услуги нет действующей версии: опубликуйте версию, прежде чем предоставлять услугу на портале',
  },
  definition_invalid: {
    status: 422,
    message: 'Описание услуги содержит ошибки: исправьте их по списку и повторите',
  },
  authority_invalid: {
    status: 422,
    message: 'У представителя нет действующих оснований представлять заявителя по этой услуге',
  },
  unit_mapping_required: {
    status: 422,
    message:
      'Укажите, каким подразделениям вашего муниципального образования соответствуют подразделения из файла',
  },
  application_invalid: {
    status: 422,
    message: 'Заявление заполнено с ошибками: исправьте поля по списку. Заявление не принято',
  },
  intake_checklist_incomplete: {
    status: 422,
    message:
      'Не отмечены обязательные документы заявителя: укажите, представлен ли каждый (подлинник или копия) или приложен его скан. Заявление не принято',
  },
  intake_ground_unknown: {
    status: 422,
    message:
      'Основания отказа в приёме документов должны быть из перечня административного регламента услуги',
  },
  service_not_offered: {
    status: 409,
    message: 'Услуга не предоставляется: у неё нет действующей версии или она снята с предоставления',
  },
  application_not_submitted: {
    status: 409,
    message: 'Заявление уже рассмотрено: принять его или отказать в приёме документов можно только один раз',
  },
  pin_invalid: { status: 422, message: 'Неверный PIN-код. Документ не подписан' },
  pin_change_invalid: { status: 422, message: 'Неверный текущий PIN-код. PIN-код не изменён' },
  pin_change_certificate_not_yours: {
    status: 403,
    message:
      'Сертификат электронной подписи выдан на другой СНИЛС, чем сообщили Госуслуги при вашем входе. PIN-код не изменён. Обратитесь к оператору',
  },
  pin_locked: {
    status: 423,
    message: 'Ключ электронной подписи заблокирован на 15 минут после трёх неверных PIN-кодов подряд',
  },
  payload_too_large: { status: 413, message: 'Слишком большой запрос' },
  rate_limited: { status: 429, message: 'Слишком много запросов. Повторите попытку позже' },
  upload_quota_exceeded: {
    status: 429,
    message:
      'Превышен допустимый объём загружаемых файлов за сутки. Повторите загрузку позже или обратитесь к администратору',
  },
  upload_file_missing: {
    status: 400,
    message: 'Приложите файл: запрос должен содержать файл (multipart/form-data, поле «file»)',
  },
  file_empty: { status: 400, message: 'Файл пустой' },
  file_type_refused: {
    status: 415,
    message: 'Такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
  },
  file_extension_mismatch: { status: 415, message: 'Расширение файла не соответствует его содержимому' },
  file_too_large: { status: 413, message: 'Файл больше допустимого размера' },
  application_files_too_large: {
    status: 413,
    message: 'Превышен допустимый общий объём файлов одного заявления',
  },
  file_infected: { status: 422, message: 'Файл заражён и не принят' },
  scanner_unavailable: { status: 503, message: 'Проверка на вирусы недоступна, повторите позже' },
  internal: { status: 500, message: 'Внутренняя ошибка системы. Сообщите номер запроса в поддержку' },
  file_missing: {
    status: 500,
    message: 'Файл недоступен в хранилище или повреждён. Сообщите номер запроса в поддержку',
  },
  esia_refused: {
    status: 502,
    message:
      'Госуслуги (ЕСИА) отклонили запрос на вход. Вход не выполнен; если ошибка повторится, сообщите в поддержку',
  },
  esia_invalid_response: {
    status: 502,
    message: 'Ответ Госуслуг (ЕСИА) не прошёл проверку подлинности. Вход не выполнен',
  },
  unavailable: { status: 503, message: 'Система временно недоступна' },
  esia_unavailable: {
    status: 503,
    message: 'Не удалось связаться с Госуслугами (ЕСИА). Вход не выполнен, повторите попытку позже',
  },
  esia_not_configured: {
    status: 503,
    message: 'Вход через Госуслуги не настроен. Обратитесь к администратору',
  },
  template_invalid: {
    status: 422,
    message: 'Файл не является шаблоном документа DOCX или содержит ошибку в полях шаблона',
  },
  template_placeholder_unknown: {
    status: 422,
    message: 'В шаблоне есть поля, которых нет в перечне полей шаблонов',
  },
  template_placeholder_misused: {
    status: 422,
    message: 'Список или условие вставлены в шаблон как простое поле: их пишут так: {#имя}…{/имя}',
  },
  template_data_missing: {
    status: 422,
    message: 'Для поля шаблона нет данных: документ не сформирован',
  },
  render_pending: { status: 409, message: 'Документ ещё формируется. Повторите через несколько секунд' },
  render_failed: { status: 409, message: 'Документ не сформирован. Причина указана в карточке дела' },
  extract_too_large: {
    status: 422,
    message: 'В выписку попадает слишком много записей журнала (более 20 000). Сузьте период',
  },
  journal_not_signed: {
    status: 409,
    message: 'Журнал ещё не закреплён подписанной печатью системы. Повторите через минуту',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly userMessage: string;

  constructor(
    readonly code: ErrorCode,
    /** Internal detail for logs; never shown to the user. */
    detail?: string,
    readonly fields?: FieldError[],
    /**
     * What the refusal lists for the user besides the message, as members of the error body: the
     * catalog's `problems` of a definition, the `units` an import needs mapped.
     */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    this.userMessage = ERRORS[code].message;
  }
}

export function notFound(detail?: string): AppError {
  return new AppError('not_found', detail);
}

export function fieldError(path: string, message: string): AppError {
  return new AppError('validation', `${path}: ${message}`, [{ path, message }]);
}
