import { startTestApp, type TestApp } from '../support/app';

interface Operation {
  parameters?: { name: string; in: string; schema?: { format?: string; minimum?: number; maximum?: number; type?: string; enum?: string[] } }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/** Every meetings operation documents its success schema, its problems and uuid path ids. */
describe('meetings in the OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    t = await startTestApp();
    paths = ((await t.http.get('/docs-json')).body as { paths: typeof paths }).paths;
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  const meetingOps = () => Object.entries(paths).filter(([path]) => path.startsWith('/meetings')).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  it('documents every operation with a success schema and problem+json errors', () => {
    const ops = meetingOps();
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      'GET /meetings',
      'GET /meetings/{id}',
      'GET /meetings/{id}/documents',
      'POST /meetings',
      'POST /meetings/{id}/agenda-items',
      'POST /meetings/{id}/cancellation',
      'POST /meetings/{id}/documents',
      'POST /meetings/{id}/held',
      'POST /meetings/{id}/invitation',
      'POST /meetings/{id}/minutes-approval',
      'PUT /meetings/{id}/attendance',
    ]);
    for (const { path, method, op } of ops) {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect([`${method} ${path}`, success.map(([, r]) => r.content?.['application/json']?.schema?.$ref !== undefined)]).toEqual([`${method} ${path}`, [true]]);
      expect([`${method} ${path}`, op.responses['401']?.content?.['application/problem+json']?.schema?.$ref]).toEqual([`${method} ${path}`, '#/components/schemas/ProblemDto']);
    }
  });

  it('types path ids as uuids and page numbers with bounds', () => {
    for (const { path, method, op } of meetingOps().filter((o) => o.path.includes('{id}'))) {
      expect([`${method} ${path}`, op.parameters?.find((p) => p.in === 'path' && p.name === 'id')?.schema?.format]).toEqual([`${method} ${path}`, 'uuid']);
    }
    const query = Object.fromEntries((paths['/meetings']!.get!.parameters ?? []).map((p) => [p.name, p.schema]));
    expect(query.page).toMatchObject({ minimum: 1, maximum: 100_000 });
    expect(query.pageSize).toMatchObject({ minimum: 1, maximum: 200 });
    expect(query.bodyId).toMatchObject({ format: 'uuid' });
    expect(query.state).toMatchObject({ enum: ['scheduled', 'invited', 'held', 'minutesApproved', 'cancelled'] });
  });
});
