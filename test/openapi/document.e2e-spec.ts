import { startTestApp, type TestApp } from '../support/app';

interface Operation {
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/** Every operation of the served document says what it answers, and how it refuses. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let operations: [string, Operation][];

  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, Operation>>; servers?: { url: string }[] };
    expect(doc.servers?.[0]?.url).toMatch(/^https?:\/\//);
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
  });
  afterAll(() => t.close());

  it('documents a success answer with a schema for every operation (204 aside)', () => {
    const missing = operations
      .filter(([, op]) => !Object.entries(op.responses).some(([code, r]) => code === '204' || (code.startsWith('2') && r.content && Object.keys(r.content).length > 0)))
      .map(([name]) => name);
    expect(operations.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('documents its errors as problem+json with the shared Problem schema', () => {
    const missing = operations
      .filter(([name]) => !name.startsWith('GET /health'))
      // OParl prescribes its own error object (spec 2.9): those operations document OParlErrorDto, below
      .filter(([name]) => !name.startsWith('GET /oparl/'))
      .filter(([, op]) => !Object.entries(op.responses).some(([code, r]) => /^[45]/.test(code) && r.content?.['application/problem+json']?.schema?.$ref?.endsWith('/ProblemDto')))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('documents the OParl operations’ errors as OParl error objects', () => {
    const oparl = operations.filter(([name]) => name.startsWith('GET /oparl/'));
    expect(oparl.length).toBe(5);
    const missing = oparl.filter(([, op]) => !Object.entries(op.responses).some(([code, r]) => /^4/.test(code) && r.content?.['application/json']?.schema?.$ref?.endsWith('/OParlErrorDto'))).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('marks every instance id in a path as a uuid', () => {
    const loose = operations.flatMap(([name, op]) => (op.parameters ?? []).filter((p) => p.in === 'path' && p.name === 'id' && p.schema?.format !== 'uuid').map(() => name));
    expect(loose).toEqual([]);
  });
});
