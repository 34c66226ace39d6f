import { startTestApp, type TestApp } from '../support/app';

// hooks too: the app and its database start in beforeAll, which a loaded machine makes slow
jest.setTimeout(120_000);

interface Schema {
  $ref?: string;
  type?: string;
  items?: Schema;
  format?: string;
  minimum?: number;
  maximum?: number;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** The selection operations in the OpenAPI document: typed answers, problem+json errors, uuid ids, bounded numbers. */
describe('selection in the OpenAPI document', () => {
  let t: TestApp;
  let operations: [string, Operation][];
  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/selection/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
  });
  afterAll(() => t.close());

  it('documents every selection operation, reads and commands', () => {
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining(['GET /selection/procedures/{id}', 'GET /selection/procedures/{id}/ranking', 'POST /selection/procedures', 'PATCH /selection/procedures/{id}', 'POST /selection/procedures/{id}/decision', 'POST /selection/procedures/{id}/roll-out']),
    );
    expect(operations).toHaveLength(28);
  });

  it('gives every success answer a schema', () => {
    const untyped = operations
      .filter(([, op]) => {
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const schema = ok[0]?.[1].content?.['application/json']?.schema;
        return ok.length !== 1 || !(schema?.$ref ?? schema?.items?.$ref);
      })
      .map(([name]) => name);
    expect(untyped).toEqual([]);
  });

  it('documents the errors as problem+json', () => {
    const without = operations
      .filter(([, op]) => {
        const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
        return errors.length === 0 || errors.some(([, r]) => !r.content?.['application/problem+json']?.schema?.$ref);
      })
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('types path ids as uuid and query numbers with bounds', () => {
    const params = operations.flatMap(([name, op]) => (op.parameters ?? []).map((p) => ({ operation: name, ...p })));
    expect(params.filter((p) => p.in === 'path' && /id$/i.test(p.name) && p.schema?.format !== 'uuid').map((p) => `${p.name} in ${p.operation}`)).toEqual([]);
    const numbers = params.filter((p) => p.in === 'query' && (p.schema?.type === 'number' || p.schema?.type === 'integer'));
    expect(numbers.map((p) => p.name).sort()).toEqual(['page', 'page', 'pageSize', 'pageSize']);
    expect(numbers.filter((p) => p.schema?.minimum === undefined || p.schema.maximum === undefined)).toEqual([]);
  });
});
