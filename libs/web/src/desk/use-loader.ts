import { ref, shallowRef, type Ref } from 'vue';
import { errorMessage } from '../problem';

/** State of something loaded from the API: the value, loading and error, and a way to load it again. */
export interface Loader<T> {
  data: Ref<T | undefined>;
  loading: Ref<boolean>;
  error: Ref<string>;
  reload(): Promise<void>;
}

/** Load with `fetcher` now (unless `immediate` is false) and on every reload; errors become readable messages. */
export function useLoader<T>(fetcher: () => Promise<T>, immediate = true): Loader<T> {
  const data = shallowRef<T>();
  const loading = ref(false);
  const error = ref('');
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      data.value = await fetcher();
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }
  if (immediate) void reload();
  return { data, loading, error, reload };
}
