import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { ErrorBody } from '@techbridge/shared';
import type { ZodObject } from 'zod';
import type { AnyRoute } from './routes/define.js';

const ERRORS: Record<number, string> = {
  400: '请求参数有误（details.fields 指明字段）',
  401: '未登录或登录已过期',
  403: '没有权限',
  404: '资源不存在',
  409: '与当前状态冲突',
  413: '请求内容过大',
  429: '操作过于频繁',
};

/** OpenAPI 3 document generated from the same route table and zod schemas the server runs. */
export function buildOpenApiDocument(routes: AnyRoute[]) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const r of routes) {
    const errorCodes = [400, 404, 409, 413, 429, ...(r.access === 'public' ? [] : [401, 403])];
    registry.registerPath({
      method: r.method,
      path: '/api/v1' + r.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: r.summary,
      tags: r.tags,
      description: `访问权限：${r.access}`,
      ...(r.access === 'public' ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(r.params ? { params: r.params as ZodObject } : {}),
        ...(r.query ? { query: r.query as ZodObject } : {}),
        ...(r.body ? { body: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      },
      responses: {
        [r.status ?? 200]: {
          description: 'OK',
          ...(r.produces
            ? { content: { [r.produces]: { schema: { type: 'string' } } } }
            : r.response
              ? { content: { 'application/json': { schema: r.response } } }
              : {}),
        },
        ...Object.fromEntries(
          errorCodes.map((c) => [c, { description: ERRORS[c]!, content: { 'application/json': { schema: ErrorBody } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'TechBridge 科转通 API', version: '1.0.0', description: '政策、活动、报名与群推送' },
    servers: [{ url: '/' }],
  });
}
