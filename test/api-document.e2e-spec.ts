import { ERROR_CATALOGUE } from '#contracts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApiConformance, conformanceOf } from './support/api-conformance.js';
import { TestSystem } from './support/system.js';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe("the gateway's OpenAPI document and docs/api.md", () => {
  let system: TestSystem;
  let base: string;
  let document: ApiConformance;

  beforeAll(async () => {
    system = await TestSystem.start({}, ['gateway']);
    base = system.baseUrl;
    document = (await conformanceOf(base))!;
  });
  afterAll(() => system.stop());

  it('lists exactly the routes the running gateway serves', () => {
    const router = system.app('gateway').getHttpAdapter().getInstance().router as {
      stack: RouterLayer[];
    };
    const served = router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = document.operations().map(({ method, template }) => `${method} ${template}`);
    expect(documented.sort()).toEqual(served);
  });

  it('documents a 2xx answer with a schema for every operation (a 204 has no body)', () => {
    const lacking = document.operations().filter(({ operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      return (
        success.length === 0 ||
        success.some(([status, response]) => status !== '204' && !response.content)
      );
    });
    expect(lacking.map(({ method, template }) => `${method} ${template}`)).toEqual([]);
  });

  it('lists every error code with its status, and operations only codes of the catalogue', () => {
    const catalogue = document.document['x-error-codes'] as { code: string; status: number }[];
    expect(Object.fromEntries(catalogue.map(({ code, status }) => [code, status]))).toEqual(
      Object.fromEntries(
        Object.entries(ERROR_CATALOGUE).map(([code, { status }]) => [code, status]),
      ),
    );
    for (const { operation } of document.operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema: any = response.content?.['application/json']?.schema;
        // Error answers: the shared schema, narrowed to their codes (a 503 probe answer is not one).
        if (!schema?.allOf) continue;
        const codes: string[] = schema.allOf[1].properties.code.enum;
        for (const code of codes) {
          const expected =
            status === 'default'
              ? ERROR_CATALOGUE[code].status >= 500
              : ERROR_CATALOGUE[code].status === Number(status);
          expect([operation.operationId, status, code, expected]).toEqual([
            operation.operationId,
            status,
            code,
            true,
          ]);
        }
      }
    }
  });

  it('has the Idempotency-Key header once, optional, on every signed-in mutation and nowhere else', () => {
    for (const { method, operation } of document.operations()) {
      const headers = ((operation as any).parameters ?? []).filter(
        (parameter: { in: string; name: string }) =>
          parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
      );
      const signedInMutation =
        ['POST', 'PUT', 'PATCH'].includes(method) && (operation as any).security.length > 0;
      expect([
        operation.operationId,
        headers.map((h: { required: boolean }) => h.required),
      ]).toEqual([operation.operationId, signedInMutation ? [false] : []]);
    }
  });

  it('matches docs/api.md: its route, error and schema tables are generated from it', async () => {
    // Not spawnSync: the gateway the script reads from runs in this process.
    const check = await promisify(execFile)(
      process.execPath,
      ['scripts/api-docs.mjs', '--check', '--from', `${base}/api/docs/openapi.json`],
      { encoding: 'utf8' },
    ).catch((error: { code: number; stderr: string }) => ({
      code: error.code,
      stderr: error.stderr,
    }));
    expect({ status: 'code' in check ? check.code : 0, stderr: check.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
  });
});
