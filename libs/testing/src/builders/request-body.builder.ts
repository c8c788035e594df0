/** A request body changed field by field; `build()` hands out a copy, so one builder can serve several requests. */
export abstract class RequestBodyBuilder {
  protected abstract body: Record<string, any>;

  /** Sets a field; a dotted path (`primaryContact.email`) sets a nested one. */
  with(path: string, value: unknown): this {
    const keys = path.split('.');
    let target = this.body;
    for (const key of keys.slice(0, -1)) target = target[key] = { ...(target[key] ?? {}) };
    target[keys[keys.length - 1]] = value;
    return this;
  }

  build(): Record<string, any> {
    return structuredClone(this.body);
  }
}
