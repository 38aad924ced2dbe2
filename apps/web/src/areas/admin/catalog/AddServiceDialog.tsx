import { ServiceCreateSchema, type ServiceCreate } from '@uslugi/contracts';
import { useMemo } from 'react';
import { useCreateCatalogService, useOrgUnits } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { todayIso } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { minimalDefinition } from './minimal-definition';

interface Values {
  code: string;
  name: string;
  unitId: string;
}

/**
 * «Добавить услугу»: the code, the name and the responsible unit; the service starts with a draft
 * that the methodologist then fills in on the service's page.
 */
export function AddServiceDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string, name: string) => void;
}) {
  const create = useCreateCatalogService();
  const orgUnits = useOrgUnits();
  const unitOptions = useMemo(
    () =>
      flatten(buildTree(orgUnits.data ?? [])).map((node) => ({
        value: node.unit.id,
        label: indentedLabel(node),
      })),
    [orgUnits.data],
  );
  const api = useApiForm<Values, ServiceCreate, Awaited<ReturnType<typeof create.mutateAsync>>>({
    schema: ServiceCreateSchema,
    defaultValues: { code: '', name: '', unitId: '' },
    toRequest: (values) => ({
      code: values.code.trim(),
      parentId: null,
      definition: minimalDefinition({ name: values.name.trim(), unitId: values.unitId, today: todayIso() }),
    }),
    check: (values) => ({
      ...(values.name.trim() ? {} : { name: 'Обязательное поле' }),
      ...(values.unitId ? {} : { unitId: 'Обязательное поле' }),
    }),
    fieldOf: { definition: 'name' },
    submit: (request) => create.mutateAsync(request),
    onSuccess: (detail) => onCreated(detail.service.id, detail.service.name),
  });
  return (
    <Dialog title="Новая услуга" onClose={onClose}>
      <Form api={api} data-testid="add-service-form">
        <TextField<Values>
          name="code"
          label="Код услуги"
          required
          hint="Латинские строчные буквы, цифры, «_» и «-»: например, construction-permit. Не меняется между версиями."
        />
        <TextField<Values> name="name" label="Наименование услуги" required multiline maxLength={1000} />
        <SelectField<Values>
          name="unitId"
          label="Ответственное подразделение"
          required
          emptyLabel="Выберите подразделение"
          options={unitOptions}
        />
        <p className="muted">
          Услуга будет создана с черновиком версии 1. Заполните карточку, технологическую схему и форму
          заявления, затем опубликуйте версию.
        </p>
        <FormFooter api={api} submit="Добавить" onCancel={onClose} submitTestId="add-service-submit" />
      </Form>
    </Dialog>
  );
}
