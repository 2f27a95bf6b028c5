/** A running camera scan; `stop` releases the camera. */
export interface Scanner {
  stop(): void;
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/**
 * Scan QR codes with the rear camera into `video` until one is read: the browser's BarcodeDetector
 * where there is one (Chrome on Android), otherwise `jsqr` on frames drawn to a canvas (iOS, WeChat),
 * loaded only then. Rejects when no camera can be opened; the page then asks to type the code.
 */
export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  let running = true;
  const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  const detector = native ? new native({ formats: ['qr_code'] }) : undefined;
  const jsQR = detector ? undefined : (await import('jsqr')).default;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });

  const read = async (): Promise<string | undefined> => {
    if (detector) return (await detector.detect(video))[0]?.rawValue;
    if (!jsQR || !context || video.videoWidth === 0) return undefined;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    return jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data;
  };
  const tick = async (): Promise<void> => {
    if (!running) return;
    const text = await read().catch(() => undefined);
    if (text && running) onCode(text.trim());
    else setTimeout(() => void tick(), 200);
  };
  void tick();
  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
