import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

interface NumberSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, NumberSchema>;
}
type Class = abstract new (...args: never[]) => unknown;
interface Constraint {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
}

/** Every class that a route takes as a parameter (bodies, queries), including mapped types such as PartialType(…). */
function routeParameterClasses(app: INestApplication): Class[] {
  const classes: Class[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!proto) continue;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const types = Reflect.getMetadata('design:paramtypes', proto, name) as unknown[] | undefined;
        for (const t of types ?? []) if (typeof t === 'function') classes.push(t as Class);
      }
    }
  }
  return classes;
}

/**
 * The OpenAPI document states the bounds the validation pipe enforces: for every DTO property with
 * class-validator's @Min/@Max, `minimum`/`maximum` are filled in where the @ApiProperty did not
 * give them. The numbers come from the same decorators that refuse the request, so the documented
 * maximum of an integer cannot drift from the enforced one.
 */
export function documentValidatedBounds(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const storage = getMetadataStorage();
  // class-validator keeps its metadata per declaring class; the document names schemas by class name
  const declared = [...(storage as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas.keys()].filter((k): k is Class => typeof k === 'function');
  const schemas = (document.components?.schemas ?? {}) as Record<string, NumberSchema>;
  for (const cls of new Set([...declared, ...routeParameterClasses(app)])) {
    const schema = schemas[cls.name];
    if (!schema?.properties) continue;
    for (const m of storage.getTargetValidationMetadatas(cls, '', true, false) as Constraint[]) {
      const property = schema.properties[m.propertyName];
      const bound = m.constraints?.[0];
      if (!property || typeof bound !== 'number' || (property.type !== 'integer' && property.type !== 'number')) continue;
      if (m.name === 'max') property.maximum ??= bound;
      if (m.name === 'min') property.minimum ??= bound;
    }
  }
  return document;
}
