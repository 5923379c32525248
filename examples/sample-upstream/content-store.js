// One account's content: its content type definitions and objects, with Flotiq's list envelope,
// filters, ordering, pagination, hydration of relations and full-text search. In memory only.
'use strict';
const { randomUUID } = require('node:crypto');
const { defaultContentTypes } = require('./content-types');

class ContentError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const DATA_URL = /^\/api\/v1\/content\/([^/]+)\/([^/]+)$/;
const isLink = (value) =>
  value !== null && typeof value === 'object' && typeof value.dataUrl === 'string';

function valueAt(object, path) {
  return path.split('.').reduce((value, part) => (value == null ? undefined : value[part]), object);
}

const asText = (value) => (value == null ? '' : String(value)).toLowerCase();
const FILTERS = {
  equals: (v, f) => (Array.isArray(v) ? v.includes(f) : v === f || String(v) === String(f)),
  notEqual: (v, f) => !FILTERS.equals(v, f),
  contains: (v, f) => asText(v).includes(asText(f)),
  notContains: (v, f) => !asText(v).includes(asText(f)),
  startsWith: (v, f) => asText(v).startsWith(asText(f)),
  endsWith: (v, f) => asText(v).endsWith(asText(f)),
  lessThan: (v, f) => v < f,
  lessThanOrEqual: (v, f) => v <= f,
  greaterThan: (v, f) => v > f,
  greaterThanOrEqual: (v, f) => v >= f,
  inRange: (v, f, f2) => v >= f && v <= f2,
  empty: (v) => v == null || v === '' || (Array.isArray(v) && v.length === 0),
  notEmpty: (v) => !FILTERS.empty(v),
  includes: (v, f) => [].concat(f).every((x) => [].concat(v).includes(x)),
  overlaps: (v, f) => [].concat(f).some((x) => [].concat(v).includes(x)),
};

/** `filters` as Flotiq takes it: JSON `{"field": {"type": "contains", "filter": "x"}}`. */
function parseFilters(text) {
  if (!text) return [];
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ContentError(400, 'filters must be JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ContentError(400, 'filters must be an object');
  return Object.entries(parsed).map(([field, rule]) => {
    const test = FILTERS[rule?.type];
    if (!test) throw new ContentError(400, `filters.${field}.type is not a known filter`);
    return (object) => test(valueAt(object, field), rule.filter, rule.filter2);
  });
}

function positiveInteger(text, name, fallback) {
  if (text === null || text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ContentError(400, `${name} must be ≥ 1`);
  return value;
}

function hydrationLevel(text) {
  if (text === null || text === undefined || text === '' || text === '0') return 0;
  if (text === '1' || text === '2') return Number(text);
  throw new ContentError(400, 'hydrate must be 0, 1 or 2');
}

/** Ordering and the page of a list: Flotiq's `order_by`, `order_direction`, `page`, `limit`. */
function page(objects, params) {
  const orderBy = params.get('order_by') || 'internal.createdAt';
  const direction = params.get('order_direction') === 'desc' ? -1 : 1;
  const limit = positiveInteger(params.get('limit'), 'limit', 20);
  const current = positiveInteger(params.get('page'), 'page', 1);
  const sorted = [...objects].sort((a, b) => {
    const x = valueAt(a.object ?? a, orderBy);
    const y = valueAt(b.object ?? b, orderBy);
    return x === y ? 0 : (x > y ? 1 : -1) * direction;
  });
  const data = sorted.slice((current - 1) * limit, current * limit);
  return {
    total_count: objects.length,
    total_pages: Math.ceil(objects.length / limit),
    current_page: current,
    count: data.length,
    data,
  };
}

class ContentStore {
  constructor() {
    this.contentTypes = new Map(defaultContentTypes().map((t) => [t.name, t]));
    this.objects = new Map([...this.contentTypes.keys()].map((name) => [name, new Map()]));
    this.version = 0; // bumped when a definition changes (the GraphQL schema follows it)
    this.seed();
  }

  seed() {
    const now = new Date(Date.UTC(2026, 0, 1)).toISOString();
    const put = (type, id, data) => this.save(type, { ...data, id }, now);
    put('category', 'category-1', { name: 'Tools' });
    put('category', 'category-2', { name: 'Garden' });
    put('product', 'product-1', {
      name: 'Hammer',
      price: 12.5,
      categories: [this.link('category', 'category-1')],
    });
    put('product', 'product-2', {
      name: 'Rake',
      price: 20,
      categories: [this.link('category', 'category-1'), this.link('category', 'category-2')],
    });
    put('blogpost', 'blogpost-1', {
      title: 'Choosing a hammer',
      body: 'Weight matters more than the handle.',
      products: [this.link('product', 'product-1')],
    });
  }

  link(type, id) {
    return { dataUrl: `/api/v1/content/${type}/${id}`, type: 'internal' };
  }

  typeOf(name) {
    const contentType = this.contentTypes.get(name);
    if (!contentType) throw new ContentError(404, `Content type ${name} not found`);
    return this.objects.get(name);
  }

  save(type, data, now = new Date().toISOString(), previous = undefined) {
    const { internal: _ignored, ...fields } = { ...data, id: String(data.id) };
    const object = {
      id: String(fields.id),
      ...fields,
      internal: {
        contentType: type,
        createdAt: previous?.internal.createdAt ?? now,
        updatedAt: now,
        deletedAt: '',
        objectTitle: String(fields.name ?? fields.title ?? fields.id),
        latestVersion: (previous?.internal.latestVersion ?? 0) + 1,
        workflowState: 'draft',
        workflowPublishedAt: '',
        workflowPublicVersion: 0,
      },
    };
    this.typeOf(type).set(object.id, object);
    return object;
  }

  create(type, data) {
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new ContentError(400, 'The body must be a JSON object');
    const id = data.id ?? `${type}-${randomUUID()}`;
    if (this.typeOf(type).has(String(id)))
      throw new ContentError(400, `Object with id ${id} already exists`);
    return this.save(type, { ...data, id });
  }

  get(type, id, hydrate = 0) {
    const object = this.typeOf(type).get(id);
    if (!object) throw new ContentError(404, `Object ${type}/${id} not found`);
    return this.hydrated(object, hydrate);
  }

  list(type, params) {
    const filters = parseFilters(params.get('filters'));
    const hydrate = hydrationLevel(params.get('hydrate'));
    const matching = [...this.typeOf(type).values()].filter((o) => filters.every((f) => f(o)));
    const result = page(matching, params);
    result.data = result.data.map((object) => this.hydrated(object, hydrate));
    return result;
  }

  update(type, id, data, replace) {
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new ContentError(400, 'The body must be a JSON object');
    const previous = this.typeOf(type).get(id);
    if (!previous) throw new ContentError(404, `Object ${type}/${id} not found`);
    const { internal: _i, id: _id, ...current } = previous;
    return this.save(type, { ...(replace ? {} : current), ...data, id }, undefined, previous);
  }

  remove(type, id) {
    const store = this.typeOf(type);
    const object = store.get(id);
    if (!object) throw new ContentError(404, `Object ${type}/${id} not found`);
    store.delete(id);
    return object;
  }

  /** Relations (`{dataUrl, type}`) replaced by the objects they name, `level` deep. */
  hydrated(value, level) {
    if (level === 0 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.hydrated(item, level));
    const out = {};
    for (const [field, item] of Object.entries(value)) {
      if (field === 'internal') out[field] = item;
      else if (Array.isArray(item)) out[field] = item.map((x) => this.resolved(x, level));
      else out[field] = this.resolved(item, level);
    }
    return out;
  }

  resolved(value, level) {
    if (!isLink(value)) return value;
    const match = DATA_URL.exec(value.dataUrl);
    const target = match && this.objects.get(match[1])?.get(match[2]);
    return target ? this.hydrated(target, level - 1) : value;
  }

  /** Flotiq's /api/v1/search: `q` in any text field, `content_type[]` to narrow, scored by hits. */
  search(params) {
    const q = asText(params.get('q'));
    const types = [...params.getAll('content_type[]'), ...params.getAll('content_type')];
    const hydrate = hydrationLevel(params.get('hydrate'));
    const filters = parseFilters(params.get('filters'));
    const hits = [];
    for (const [type, objects] of this.objects) {
      if (types.length && !types.includes(type)) continue;
      for (const object of objects.values()) {
        const text = Object.values(object)
          .filter((v) => typeof v === 'string' || typeof v === 'number')
          .join(' ');
        const score = q ? asText(text).split(q).length - 1 : 1;
        if (score > 0 && filters.every((f) => f(object))) hits.push({ object, score, text });
      }
    }
    if (!params.get('order_by')) hits.sort((a, b) => b.score - a.score);
    const result = page(hits, params);
    return {
      ...result,
      data: result.data.map(({ object, score, text }) => ({
        item: {
          ...this.hydrated(object, hydrate),
          object_data: text,
          '@timestamp': object.internal.updatedAt,
        },
        score,
      })),
      summary: { aggregations: [] },
    };
  }

  listContentTypes(params) {
    return page([...this.contentTypes.values()], params);
  }

  getContentType(name) {
    const contentType = this.contentTypes.get(name);
    if (!contentType) throw new ContentError(404, `Content type ${name} not found`);
    return contentType;
  }

  putContentType(name, definition, replace) {
    if (
      !definition ||
      typeof definition !== 'object' ||
      typeof (definition.name ?? name) !== 'string'
    )
      throw new ContentError(400, 'name is required');
    const previous = this.contentTypes.get(name);
    if (!name && this.contentTypes.has(definition.name))
      throw new ContentError(400, `Content type ${definition.name} already exists`);
    const next = {
      ...(replace || !previous ? {} : previous),
      ...definition,
      name: name || definition.name,
    };
    this.contentTypes.set(next.name, next);
    if (!this.objects.has(next.name)) this.objects.set(next.name, new Map());
    this.version++;
    return next;
  }

  removeContentType(name) {
    const contentType = this.getContentType(name);
    this.contentTypes.delete(name);
    this.objects.delete(name);
    this.version++;
    return contentType;
  }
}

module.exports = { ContentStore, ContentError, hydrationLevel };
