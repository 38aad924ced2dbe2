import type { ServiceDefinition } from '@uslugi/contracts';

/**
 * The definition a new service starts with: it passes the contracts' schema, so it is saved as the
 * first draft, and the methodologist fills it in. It does not pass the validator on purpose (no
 * documents, no grounds, one stage without actions): a version is published only once it does.
 */
export function minimalDefinition(input: { name: string; unitId: string; today: string }): ServiceDefinition {
  return {
    card: {
      name: input.name,
      shortName: input.name.slice(0, 200),
      description: '',
      regulation: {
        title: `Административный регламент предоставления муниципальной услуги «${input.name}»`.slice(
          0,
          1000,
        ),
        issuer: '',
        number: 'б/н',
        date: input.today,
        url: null,
      },
      responsibleUnitRef: input.unitId,
      applicantCategories: [{ kind: 'individual', representativeAllowed: true }],
      applicantDocuments: [],
      interagencyDocuments: [],
      intakeRefusalGrounds: [],
      serviceRefusalGrounds: [],
      results: [
        {
          key: 'result',
          name: 'Результат предоставления услуги',
          kind: 'positive',
          documentType: 'other',
          validity: null,
          clause: '',
        },
      ],
      // Regulation 004 item 6: records of a case are kept at least 10 years.
      retentionYears: 10,
      term: { amount: 10, unit: 'working_days' },
      termClause: '',
      fee: null,
      channels: ['paper', 'portal'],
      sources: [],
    },
    techMap: {
      start: 'intake',
      stages: [
        {
          key: 'intake',
          name: 'Приём и регистрация заявления',
          kind: 'intake',
          responsible: { role: 'employee', unitRef: null },
          term: { amount: 1, unit: 'working_days' },
          actions: [],
          documents: [],
          interagencyRequests: [],
          intraRequests: [],
          outcome: null,
          resultKey: null,
        },
      ],
    },
    form: {
      sections: [
        {
          key: 'applicant',
          title: 'Сведения о заявителе',
          fields: [
            {
              key: 'applicant',
              label: 'Заявитель',
              type: 'applicant',
              required: true,
              hint: null,
              options: null,
              multiple: false,
              showIf: null,
              validation: null,
              prefill: null,
            },
          ],
        },
      ],
    },
  };
}
