import { z } from 'zod';
import {
  IdParamsSchema,
  ReferenceDirectoryParamsSchema,
  ReferenceDirectorySchema,
  ReferenceEntriesQuerySchema,
  ReferenceEntryCreateSchema,
  ReferenceEntrySchema,
  ReferenceEntryUpdateSchema,
  ReferenceEntryVersionSchema,
  ReferenceRetireSchema,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { directoryOf, listDirectories } from './directories.js';
import { createEntry, listEntries, listVersions, restoreEntry, retireEntry, updateEntry } from './entries.js';

const tags = ['Справочники (НСИ)'];

export function referenceRoutes(app: App, { database }: ModuleContext): void {
  app.get('/api/v1/reference/directories', {
    config: { access: 'reference.read' },
    schema: {
      tags,
      summary: 'Справочники с числом действующих и выведенных из употребления значений',
      response: { 200: z.array(ReferenceDirectorySchema) },
    },
    handler: (request) => listDirectories(commandContext(request, database)),
  });

  app.get('/api/v1/reference/directories/:directory/entries', {
    config: { access: 'reference.read' },
    schema: {
      tags,
      summary: 'Значения справочника (выведенные из употребления — по запросу)',
      params: ReferenceDirectoryParamsSchema,
      querystring: ReferenceEntriesQuerySchema,
      response: { 200: z.array(ReferenceEntrySchema) },
    },
    handler: (request) =>
      listEntries(
        commandContext(request, database),
        directoryOf(request.params.directory),
        request.query.includeRetired === 'true',
      ),
  });

  app.post('/api/v1/reference/directories/:directory/entries', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Добавить значение в справочник',
      params: ReferenceDirectoryParamsSchema,
      body: ReferenceEntryCreateSchema,
      response: { 201: ReferenceEntrySchema },
    },
    handler: async (request, reply) => {
      const directory = directoryOf(request.params.directory);
      const entry = await createEntry(commandContext(request, database), directory, request.body);
      return reply.status(201).send(entry);
    },
  });

  app.put('/api/v1/reference/entries/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Изменить значение справочника: новая версия, прежние сохраняются',
      params: IdParamsSchema,
      body: ReferenceEntryUpdateSchema,
      response: { 200: ReferenceEntrySchema },
    },
    handler: (request) => updateEntry(commandContext(request, database), request.params.id, request.body),
  });

  app.post('/api/v1/reference/entries/:id/retire', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Вывести значение из употребления (значения не удаляются)',
      params: IdParamsSchema,
      body: ReferenceRetireSchema,
      response: { 200: ReferenceEntrySchema },
    },
    handler: (request) =>
      retireEntry(commandContext(request, database), request.params.id, request.body.reason),
  });

  app.post('/api/v1/reference/entries/:id/restore', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Вернуть значение в употребление',
      params: IdParamsSchema,
      response: { 200: ReferenceEntrySchema },
    },
    handler: (request) => restoreEntry(commandContext(request, database), request.params.id),
  });

  app.get('/api/v1/reference/entries/:id/versions', {
    config: { access: 'reference.read' },
    schema: {
      tags,
      summary: 'Версии значения справочника, начиная с последней',
      params: IdParamsSchema,
      response: { 200: z.array(ReferenceEntryVersionSchema) },
    },
    handler: (request) => listVersions(commandContext(request, database), request.params.id),
  });
}
