/** How the node image is built: read once at the edge (CLI, API, test setup) and passed down. */
export interface ImageBuildOptions {
  /** Downloads and build outputs (receptor binaries, receptorctl wheels, the debootstrap rootfs). */
  cacheDir: string;
  /** Build again even when an image with the same inputs exists. */
  rebuild?: boolean;
  /** A local image to use as the base instead of Debian (RECEPTOR_LAB_BASE_IMAGE). */
  baseImage?: string;
  /** Never try to pull the stock Debian base (RECEPTOR_LAB_OFFLINE=1). */
  offline?: boolean;
  /** Where debootstrap downloads from (RECEPTOR_LAB_DEBIAN_MIRROR). */
  debianMirror?: string;
}

export function imageBuildOptionsFrom(env: Readonly<Record<string, string | undefined>>, cacheDir: string): ImageBuildOptions {
  return {
    cacheDir,
    ...(env.RECEPTOR_LAB_BASE_IMAGE ? { baseImage: env.RECEPTOR_LAB_BASE_IMAGE } : {}),
    offline: env.RECEPTOR_LAB_OFFLINE === "1",
    ...(env.RECEPTOR_LAB_DEBIAN_MIRROR ? { debianMirror: env.RECEPTOR_LAB_DEBIAN_MIRROR } : {}),
  };
}
