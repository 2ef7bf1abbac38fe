// Stand-in for electron-store (ESM, like the real one): an in-memory key-value store.
export default class Store {
  constructor(options) {
    this.options = options;
    this.values = new Map();
    globalThis.__electronStandIn.store = this;
  }
  get(key) {
    return this.values.get(key);
  }
  set(key, value) {
    this.values.set(key, value);
  }
}
