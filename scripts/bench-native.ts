/**
 * The same work in native PyTorch on the same cores, so the browser's figures can be read against something that
 * moves with the machine (ConvNetJS's ratio measured 11x to 26x on machines of the same kind). Runs only where a
 * Python of PYTHONS imports torch; otherwise says why it was skipped. A run that fails throws, so the bench can
 * try it again and record why.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { TRAINING_WINDOW } from './bench-programs.ts';

export type NativeResult =
  | { available: true; version: string; threads: number; examplesPerSec: number; resnet18Ms: number | null }
  | { available: false; reason: string };

const { batch, warmup, minSteps, minSeconds } = TRAINING_WINDOW;

// The bench's LeNet-style CNN (bench-programs.ts TFJS_TRAINING) layer for layer, the same batch, optimiser and timing
// window; digits are random of the same shape, since the arithmetic does not depend on them. ResNet-18 is
// torchvision's, at batch 1, median of 5 after 2 warm-up passes, as the browser's `time()` takes the median.
const PROGRAM = `
import json, os, statistics, time, torch
from torch import nn
torch.set_num_threads(${cpus().length})
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()
xs, ys = torch.randn(${batch * 8}, 1, 28, 28), torch.randint(0, 10, (${batch * 8},))
def step(i):
    at = (i % 8) * ${batch}
    opt.zero_grad()
    loss = loss_fn(model(xs[at:at + ${batch}]), ys[at:at + ${batch}])
    loss.backward()
    opt.step()
    loss.item()
for i in range(${warmup}): step(i)
start, steps = time.perf_counter(), 0
while steps < ${minSteps} or time.perf_counter() - start < ${minSeconds}:
    step(steps); steps += 1
eps = steps * ${batch} / (time.perf_counter() - start)
resnet_ms = None
try:
    import torchvision
    net = torchvision.models.resnet18(weights=None).eval()
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        for _ in range(2): net(x)
        times = []
        for _ in range(5):
            t = time.perf_counter(); net(x); times.append((time.perf_counter() - t) * 1000)
    resnet_ms = statistics.median(times)
except ImportError:
    pass
print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads(), "examplesPerSec": eps, "resnet18Ms": resnet_ms}))
`;

/**
 * The first Python that imports torch: $PYTHON if set, the `python3` first on the PATH, then Debian's
 * (`apt-get install python3-torch python3-torchvision` puts it at /usr/bin/python3, which a virtual environment or
 * another Python earlier on the PATH would hide).
 */
const PYTHONS = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));

export function nativeTorch(): NativeResult {
  const python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
  if (!python)
    return { available: false, reason: `PyTorch is not installed (\`import torch\` failed in ${PYTHONS.join(', ')})` };
  const run = spawnSync(python, ['-c', PROGRAM], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0)
    throw new Error(`the PyTorch run failed: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}`);
  return {
    available: true,
    ...(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Omit<NativeResult & { available: true }, 'available'>),
  };
}

export type NativeLabResult =
  { available: true; examplesPerSec: number; params: number } | { available: false; reason: string };

/**
 * The lab network `name` rebuilt in native PyTorch from its Keras topology (lib/keras-to-torch.py) and trained in the
 * same window, batch and optimiser as the browser's run (bench-programs.ts tfjsLabTraining).
 */
export async function nativeLabTraining(name: string): Promise<NativeLabResult> {
  const python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
  if (!python) return { available: false, reason: 'PyTorch is not installed' };
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const { buildZooModel } = await import('../src/runtime/models/index.ts');
  const model = buildZooModel(name, { inputShape: [28, 28, 1], classes: 10 });
  const topology = JSON.stringify(model.toJSON(null, false));
  model.dispose();
  const window = [batch, warmup, minSteps, minSeconds, cpus().length].map(String);
  const run = spawnSync(python, ['scripts/lib/keras-to-torch.py', ...window], {
    input: topology,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.status !== 0)
    throw new Error(`the PyTorch run failed: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { examplesPerSec: number; params: number };
  return { available: true, examplesPerSec: result.examplesPerSec, params: result.params };
}
