import { onBeforeUnmount, ref, type Ref } from 'vue';

/** The current time in ms, updated every second while the component lives (countdowns). */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1_000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
