/**
 * A heat map over a grey picture, as the digit pad and the explorer show saliency and Grad-CAM: the picture dimmed,
 * the heat in a warm colour on top, drawn at the picture's own size (CSS scales the canvas up, pixelated).
 */
export function heatOverlay(canvas: HTMLCanvasElement, picture: Float32Array, heat: Float32Array | null): void {
  const side = Math.round(Math.sqrt(picture.length));
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  picture.forEach((v, i) => {
    const grey = 110 * v;
    const h = heat ? 255 * heat[i]! : 0;
    image.data.set([Math.min(255, grey + h), Math.min(255, grey + 0.6 * h), grey, 255], 4 * i);
  });
  ctx.putImageData(image, 0, 0);
}
