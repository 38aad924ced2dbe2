import { z } from 'zod';
import {
  EmployeeBlockSchema,
  EmployeeCreateSchema,
  EmployeeListQuerySchema,
  EmployeeRolesSchema,
  EmployeeSchema,
  EmployeeUpdateSchema,
  IdParamsSchema,
  OrgUnitCreateSchema,
  OrgUnitSchema,
  OrgUnitUpdateSchema,
  PositionCreateSchema,
  PositionSchema,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import { requireAuth } from '../../platform/http/guard.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import {
  assignRoles,
  blockEmployee,
  createEmployee,
  decideEmployeeSnils,
  listEmployees,
  unblockEmployee,
  updateEmployee,
} from './employees.js';
import { createOrgUnit, listOrgUnits, updateOrgUnit } from './org-units.js';
import { createPosition, listPositions } from './positions.js';

const tags = ['Организация'];

export function orgRoutes(app: App, { database }: ModuleContext): void {
  app.get('/api/v1/org-units', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Подразделения', response: { 200: z.array(OrgUnitSchema) } },
    handler: (request) => listOrgUnits(commandContext(request, database)),
  });
  app.post('/api/v1/org-units', {
    config: { access: 'org.manage' },
    schema: {
      tags,
      summary: 'Создать подразделение',
      body: OrgUnitCreateSchema,
      response: { 201: OrgUnitSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createOrgUnit(commandContext(request, database), request.body)),
  });
  app.patch('/api/v1/org-units/:id', {
    config: { access: 'org.manage' },
    schema: {
      tags,
      summary: 'Изменить подразделение',
      params: IdParamsSchema,
      body: OrgUnitUpdateSchema,
      response: { 200: OrgUnitSchema },
    },
    handler: (request) => updateOrgUnit(commandContext(request, database), request.params.id, request.body),
  });

  app.get('/api/v1/positions', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Должности', response: { 200: z.array(PositionSchema) } },
    handler: (request) => listPositions(commandContext(request, database)),
  });
  app.post('/api/v1/positions', {
    config: { access: 'org.manage' },
    schema: {
      tags,
      summary: 'Создать должность',
      body: PositionCreateSchema,
      response: { 201: PositionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createPosition(commandContext(request, database), request.body.name)),
  });

  app.get('/api/v1/employees', {
    config: { access: 'employees.read' },
    schema: {
      tags,
      summary: 'Сотрудники',
      querystring: EmployeeListQuerySchema,
      response: { 200: z.array(EmployeeSchema) },
    },
    handler: (request) =>
      listEmployees(commandContext(request, database), {
        q: request.query.q,
        revealSnils: requireAuth(request).permissions.includes('employees.manage'),
      }),
  });
  app.post('/api/v1/employees', {
    config: { access: 'employees.manage' },
    schema: {
      tags,
      summary: 'Создать сотрудника',
      body: EmployeeCreateSchema,
      response: { 201: EmployeeSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await createEmployee(
            commandContext(request, database),
            request.body,
            requireAuth(request).permissions,
          ),
        ),
  });
  app.patch('/api/v1/employees/:id', {
    config: { access: 'employees.manage' },
    schema: {
      tags,
      summary: 'Изменить данные сотрудника (новый СНИЛС ждёт подтверждения второго лица)',
      params: IdParamsSchema,
      body: EmployeeUpdateSchema,
      response: { 200: EmployeeSchema },
    },
    handler: (request) => updateEmployee(commandContext(request, database), request.params.id, request.body),
  });
  for (const [decision, summary] of [
    ['confirm', 'Подтвердить изменение СНИЛС сотрудника (руководитель подразделения или другой оператор)'],
    ['reject', 'Отклонить изменение СНИЛС сотрудника (или отозвать своё)'],
  ] as const) {
    app.post(`/api/v1/employees/:id/snils-change/${decision}`, {
      config: { access: 'employees.confirm' },
      schema: { tags, summary, params: IdParamsSchema, response: { 200: EmployeeSchema } },
      handler: (request) =>
        decideEmployeeSnils(commandContext(request, database), request.params.id, decision),
    });
  }
  app.post('/api/v1/employees/:id/block', {
    config: { access: 'employees.manage' },
    schema: {
      tags,
      summary: 'Заблокировать сотрудника',
      params: IdParamsSchema,
      body: EmployeeBlockSchema,
      response: { 200: EmployeeSchema },
    },
    handler: (request) =>
      blockEmployee(commandContext(request, database), request.params.id, request.body.reason),
  });
  app.post('/api/v1/employees/:id/unblock', {
    config: { access: 'employees.manage' },
    schema: {
      tags,
      summary: 'Разблокировать сотрудника',
      params: IdParamsSchema,
      response: { 200: EmployeeSchema },
    },
    handler: (request) => unblockEmployee(commandContext(request, database), request.params.id),
  });
  // A municipality's operator assigns the municipality's roles; the installation administrator, the
  // installation administrator role. Each may change only their own kind (checkRoleChange).
  app.put('/api/v1/employees/:id/roles', {
    config: { access: ['roles.assign', 'installation.manage'] },
    schema: {
      tags,
      summary:
        'Назначить роли (роль «Администратор установки» назначает и снимает только администратор установки)',
      params: IdParamsSchema,
      body: EmployeeRolesSchema,
      response: { 200: EmployeeSchema },
    },
    handler: (request) =>
      assignRoles(
        commandContext(request, database),
        request.params.id,
        request.body.roles,
        requireAuth(request).permissions,
      ),
  });
}
