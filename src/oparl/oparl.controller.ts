import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply as Response, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy';
import { sendPdf } from '../documents/pdf-reply';
import { ListQueryError, parseListQuery, toQuery, DEFAULT_LIMIT, MAX_LIMIT, type ListQuery } from './list-query';
import { OParlErrorDto, OParlListDto, OParlObjectDto } from './oparl.dto';
import { OParlError, OPARL_HEADERS, sendOParl } from './oparl-error';
import { OParlService } from './oparl.service';
import { BODY_LISTS, canonicalKey, isListSegment, isObjectSegment, OBJECT_TYPES, OPARL_PATH } from './urls';

const NOT_FOUND = () => new OParlError(404, 'Das angefragte Objekt gibt es nicht.');

const errors = (...statuses: number[]) =>
  statuses.map((status) => ApiResponse({ status, description: 'OParl error object (spec 2.9)', content: { 'application/json': { schema: { $ref: getSchemaPath(OParlErrorDto) } } } }));
const apply = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const d of decorators) d(target, key, descriptor);
};

const LIST_PARAMS = [
  ...['created_since', 'created_until', 'modified_since', 'modified_until'].map((name) =>
    ApiQuery({ name, required: false, schema: { type: 'string', format: 'date-time' }, description: 'Full date-time with offset, e.g. 2020-08-19T00:00:00+02:00; carried into every link' }),
  ),
  ApiQuery({ name: 'omit_internal', required: false, schema: { type: 'boolean' }, description: 'true: leave out embedded lists (spec 2.5)' }),
  ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1_000_000_000, default: DEFAULT_LIMIT }, description: `Objects per page; more than ${MAX_LIMIT} is answered with ${MAX_LIMIT}` }),
  ApiQuery({ name: 'after', required: false, schema: { type: 'string', maxLength: 64 }, description: 'Keyset cursor of `next` links' }),
  ApiQuery({ name: 'before', required: false, schema: { type: 'string', maxLength: 64 }, description: 'Keyset cursor of `prev` links' }),
];

/**
 * OParl 1.1, read-only and public: the System at /oparl/v1.1, every object at its one canonical URL
 * (other spellings answer 301), a Body's lists with keyset pagination. Answers are plain JSON with
 * `Access-Control-Allow-Origin: *`; errors are OParl error objects (ProblemFilter, oparl-error.ts), not
 * problem+json. The routes take any segment and check it here, so every path under the prefix
 * answers in OParl's format. docs/oparl.md.
 */
@ApiTags('oparl')
@ApiExtraModels(OParlErrorDto, OParlObjectDto, OParlListDto)
@Controller('oparl/v1.1')
@Public()
export class OParlController {
  constructor(private readonly oparl: OParlService) {}

  @Get()
  @ApiOperation({ summary: 'OParl System: the entry point (public, no token)', security: [] })
  @ApiOkResponse({ description: 'oparl:System (https://schema.oparl.org/1.1/System)', type: OParlObjectDto })
  @apply(errors(404, 429))
  async system(@Req() req: FastifyRequest, @Res() res: Response): Promise<void> {
    if (this.redirected(req, res, this.oparl.urls.system())) return;
    sendOParl(res, 200, await this.oparl.system());
  }

  @Get(':type')
  @ApiOperation({ summary: 'OParl list of all bodies (`/oparl/v1.1/body`; public, no token)', security: [] })
  @ApiParam({ name: 'type', schema: { type: 'string', enum: ['body'] } })
  @apply(LIST_PARAMS)
  @ApiOkResponse({ description: 'A list page of oparl:Body', type: OParlListDto })
  @apply(errors(400, 404, 429))
  async bodies(@Param('type') type: string, @Req() req: FastifyRequest, @Res() res: Response): Promise<void> {
    if (type.toLowerCase() !== 'body') throw NOT_FOUND();
    const q = this.listQuery(req, /^[a-z0-9-]{1,64}$/);
    if (this.redirected(req, res, this.oparl.urls.bodyList(), toQuery(q, q))) return;
    sendOParl(res, 200, await this.oparl.bodyList(q));
  }

  @Get(':type/:key')
  @ApiOperation({ summary: 'One OParl object by its URL, e.g. /oparl/v1.1/paper/{uuid} (public, no token)', security: [] })
  @ApiParam({ name: 'type', schema: { type: 'string', enum: Object.keys(OBJECT_TYPES) } })
  @ApiParam({ name: 'key', schema: { type: 'string', maxLength: 64 }, description: 'uuid; a consultation is {paper uuid}-{number}, a file {paper or meeting uuid}-{number}; a body is its Körperschaft slug' })
  @ApiOkResponse({ description: 'The oparl object; a deleted one carries `deleted: true`', type: OParlObjectDto })
  @apply(errors(404, 429))
  async object(@Param('type') type: string, @Param('key') key: string, @Req() req: FastifyRequest, @Res() res: Response): Promise<void> {
    const segment = type.toLowerCase();
    const canonical = isObjectSegment(segment) ? canonicalKey(segment, key) : undefined;
    if (!isObjectSegment(segment) || canonical === undefined) throw NOT_FOUND();
    const object = await this.oparl.object(segment, canonical);
    if (!object) throw NOT_FOUND();
    if (this.redirected(req, res, this.oparl.urls.object(segment, canonical))) return;
    sendOParl(res, 200, object);
  }

  @Get('file/:key/:disposition')
  @ApiOperation({ summary: 'The bytes of a public OParl File: `access` shows it in the browser, `download` downloads it (public, no token)', security: [] })
  @ApiParam({ name: 'key', schema: { type: 'string', maxLength: 64 }, description: '{motion or meeting uuid}-{seq}, as in the File object\'s URL' })
  @ApiParam({ name: 'disposition', schema: { type: 'string', enum: ['access', 'download'] } })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, with ETag (its SHA-256 is in the audit log; its SHA-512 is the File\'s sha512Checksum)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @apply(errors(404, 429))
  async fileContent(@Param('key') key: string, @Param('disposition') disposition: string, @Req() req: FastifyRequest, @Res() res: Response): Promise<void> {
    const canonical = canonicalKey('file', key);
    const how = disposition.toLowerCase();
    if (canonical === undefined || (how !== 'access' && how !== 'download')) throw NOT_FOUND();
    const file = await this.oparl.fileContent(canonical);
    if (!file) throw NOT_FOUND();
    if (this.redirected(req, res, this.oparl.urls.fileContent(file.instance_id, file.seq, how))) return;
    sendPdf(res, file, how === 'access' ? 'inline' : 'attachment', req.headers['if-none-match'], { ...OPARL_HEADERS, 'Cache-Control': 'public, max-age=300' });
  }

  @Get(':type/:key/:list')
  @ApiOperation({ summary: "A page of one of a Body's OParl lists, e.g. /oparl/v1.1/body/{slug}/paper (public, no token)", security: [] })
  @ApiParam({ name: 'type', schema: { type: 'string', enum: ['body'] } })
  @ApiParam({ name: 'key', schema: { type: 'string', maxLength: 64 }, description: "The Körperschaft's slug, e.g. kreis-coesfeld" })
  @ApiParam({ name: 'list', schema: { type: 'string', enum: Object.keys(BODY_LISTS) } })
  @apply(LIST_PARAMS)
  @ApiOkResponse({ description: 'A list page: data, pagination, links', type: OParlListDto })
  @apply(errors(400, 404, 429))
  async list(@Param('type') type: string, @Param('key') key: string, @Param('list') list: string, @Req() req: FastifyRequest, @Res() res: Response): Promise<void> {
    const tenant = canonicalKey('body', key);
    const segment = list.toLowerCase();
    if (type.toLowerCase() !== 'body' || !tenant || !isListSegment(segment)) throw NOT_FOUND();
    const q = this.listQuery(req, segment === 'consultation' || segment === 'file' ? /^[0-9a-f-]{36}-\d{1,9}$/ : /^[0-9a-f-]{36}$/);
    const page = await this.oparl.list(tenant, segment, q);
    if (!page) throw NOT_FOUND();
    if (this.redirected(req, res, this.oparl.urls.list(tenant, segment), toQuery(q, q))) return;
    sendOParl(res, 200, page);
  }

  private listQuery(req: FastifyRequest, keyPattern: RegExp): ListQuery {
    try {
      return parseListQuery(req.query as Record<string, unknown>, keyPattern);
    } catch (error) {
      if (error instanceof ListQueryError) throw new OParlError(400, error.message, 'Parameter siehe https://dev.oparl.org/spezifikation/#filter');
      throw error;
    }
  }

  /**
   * Answers 301 to the canonical URL when the request used another spelling of it: case, a
   * trailing slash, leading zeros, parameter order or encoding (spec 2.3). The comparison is on the
   * path after the OParl prefix, so a reverse proxy's own path prefix does not matter.
   */
  private redirected(req: FastifyRequest, res: Response, canonical: string, query = ''): boolean {
    const [path = '', raw] = req.originalUrl.split(/\?(.*)$/s, 2);
    const prefixAt = path.toLowerCase().indexOf(OPARL_PATH);
    const wantedPath = new URL(canonical).pathname;
    const asked = path.slice(prefixAt);
    const wanted = wantedPath.slice(wantedPath.indexOf(OPARL_PATH));
    if (asked === wanted && (raw ?? '') === query) return false;
    void res.code(301).header('Access-Control-Allow-Origin', '*').header('Location', query ? `${canonical}?${query}` : canonical).send();
    return true;
  }
}
