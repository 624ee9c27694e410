import { CertbenchError } from '../../../shared/errors.js';
import type { JavaDataReader } from './java-data-reader.js';

/**
 * Just enough of the Java Object Serialization Stream Protocol (Java Object Serialization
 * Specification §6.4) to step over the SealedObject a JCEKS secret-key entry holds: JCEKS stores it
 * without a length prefix, so the only way past it is to walk its grammar. Values are skipped, not
 * built; class names are collected so the caller can check what the object is.
 */

const TC = {
  null: 0x70,
  reference: 0x71,
  classDesc: 0x72,
  object: 0x73,
  string: 0x74,
  array: 0x75,
  class: 0x76,
  blockData: 0x77,
  endBlockData: 0x78,
  blockDataLong: 0x7a,
  longString: 0x7c,
  proxyClassDesc: 0x7d,
  enum: 0x7e,
} as const;
const SC_WRITE_METHOD = 0x01;
const SC_SERIALIZABLE = 0x02;
const SC_EXTERNALIZABLE = 0x04;
const PRIMITIVE_SIZES: Readonly<Record<string, number>> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };
const MAX_DEPTH = 32;

interface ClassDesc {
  readonly name: string;
  readonly flags: number;
  readonly fields: readonly { readonly type: string }[];
  readonly superDesc: ClassDesc | null;
}

type Handle = ClassDesc | string | null;

/** Skips one serialized object (stream header included) and returns the class name of the top object. */
export function skipSerializedObject(r: JavaDataReader): string {
  if (r.u16('serialization header') !== 0xaced || r.u16('serialization version') !== 5) {
    throw new CertbenchError('parse', 'A secret-key entry does not hold a Java serialized object');
  }
  return new Walker(r).topClassName();
}

class Walker {
  readonly #handles: Handle[] = [];
  #top = '';

  constructor(private readonly r: JavaDataReader) {}

  topClassName(): string {
    this.#content(0);
    return this.#top;
  }

  #content(depth: number): Handle {
    if (depth > MAX_DEPTH) throw new CertbenchError('parse', 'Serialized object nests too deeply');
    const tc = this.r.u8('serialized object');
    switch (tc) {
      case TC.null:
        return null;
      case TC.reference:
        return this.#reference();
      case TC.classDesc:
      case TC.proxyClassDesc:
        return this.#classDescBody(tc, depth);
      case TC.string:
        return this.#newHandle(this.r.utf('serialized string'));
      case TC.longString:
        return this.#newHandle(new TextDecoder().decode(this.r.take(this.r.i64('long string'), 'long string')));
      case TC.object:
        return this.#object(depth);
      case TC.array:
        return this.#array(depth);
      case TC.class:
        this.#classDesc(depth);
        return this.#newHandle(null);
      case TC.enum: {
        this.#classDesc(depth);
        const handle = this.#newHandle(null);
        this.#content(depth + 1);
        return handle;
      }
      case TC.blockData:
        this.r.take(this.r.u8('block data'), 'block data');
        return null;
      case TC.blockDataLong:
        this.r.take(this.r.u32('block data'), 'block data');
        return null;
      default:
        throw new CertbenchError('parse', `Unsupported serialization element 0x${tc.toString(16)}`);
    }
  }

  #newHandle(value: Handle): Handle {
    this.#handles.push(value);
    return value;
  }

  #reference(): Handle {
    const index = this.r.u32('object reference') - 0x7e0000;
    if (index < 0 || index >= this.#handles.length) throw new CertbenchError('parse', 'Serialized object refers to an unknown handle');
    return this.#handles[index]!;
  }

  #classDesc(depth: number): ClassDesc | null {
    const value = this.#content(depth + 1);
    if (value !== null && typeof value !== 'object') throw new CertbenchError('parse', 'Expected a class descriptor');
    return value;
  }

  #classDescBody(tc: number, depth: number): ClassDesc {
    if (tc === TC.proxyClassDesc) {
      const count = this.r.u32('proxy interfaces');
      for (let i = 0; i < count; i++) this.r.utf('proxy interface');
      const slot = this.#handles.push(null) - 1;
      this.#annotation(depth);
      const desc: ClassDesc = { name: '$Proxy', flags: SC_SERIALIZABLE, fields: [], superDesc: this.#classDesc(depth) };
      this.#handles[slot] = desc;
      return desc;
    }
    const name = this.r.utf('class name');
    this.r.take(8, 'serialVersionUID');
    const slot = this.#handles.push(null) - 1;
    const flags = this.r.u8('class flags');
    const fieldCount = this.r.u16('field count');
    const fields: { type: string }[] = [];
    for (let i = 0; i < fieldCount; i++) {
      const type = String.fromCharCode(this.r.u8('field type'));
      this.r.utf('field name');
      if (type === 'L' || type === '[') this.#content(depth + 1);
      else if (!(type in PRIMITIVE_SIZES)) throw new CertbenchError('parse', `Unknown serialized field type ${type}`);
      fields.push({ type });
    }
    this.#annotation(depth);
    const desc: ClassDesc = { name, flags, fields, superDesc: this.#classDesc(depth) };
    this.#handles[slot] = desc;
    return desc;
  }

  #annotation(depth: number): void {
    while (this.r.bytes[this.r.position] !== TC.endBlockData) this.#content(depth + 1);
    this.r.u8('end of block data');
  }

  #object(depth: number): Handle {
    const desc = this.#classDesc(depth);
    if (!desc) throw new CertbenchError('parse', 'Serialized object without a class');
    if (depth === 0) this.#top = desc.name;
    this.#newHandle(null);
    const chain: ClassDesc[] = [];
    for (let d: ClassDesc | null = desc; d; d = d.superDesc) chain.unshift(d);
    for (const cls of chain) {
      if (cls.flags & SC_EXTERNALIZABLE) {
        this.#annotation(depth);
        continue;
      }
      if (cls.flags & SC_SERIALIZABLE) for (const field of cls.fields) this.#value(field.type, depth);
      if (cls.flags & SC_WRITE_METHOD) this.#annotation(depth);
    }
    return null;
  }

  #array(depth: number): Handle {
    const desc = this.#classDesc(depth);
    if (!desc) throw new CertbenchError('parse', 'Serialized array without a class');
    this.#newHandle(null);
    const length = this.r.u32('array length');
    const elementType = desc.name.charAt(1);
    const size = PRIMITIVE_SIZES[elementType];
    if (size !== undefined) this.r.take(length * size, 'array contents');
    else for (let i = 0; i < length; i++) this.#content(depth + 1);
    return null;
  }

  #value(type: string, depth: number): void {
    const size = PRIMITIVE_SIZES[type];
    if (size !== undefined) this.r.take(size, 'field value');
    else this.#content(depth + 1);
  }
}
