"""
A zoo model's Keras topology (tfjs `model.toJSON()`, on stdin) rebuilt in PyTorch and trained in the bench's window,
so the bench can set the browser's training rate of each lab network against native PyTorch's for the same network,
batch and optimiser on the same cores. Only what the lab's networks use is understood; anything else stops the run
with its class name. Layouts differ (NCHW here), the arithmetic does not; the parameter count is printed so the
bench can check that both sides built the same network.
Args: batch warmup min_steps min_seconds threads.
"""
import json, math, sys, time
import torch
from torch import nn
import torch.nn.functional as F

batch, warmup, min_steps, min_seconds, threads = (float(a) for a in sys.argv[1:6])
batch, warmup, min_steps, threads = int(batch), int(warmup), int(min_steps), int(threads)
torch.set_num_threads(threads)
torch.manual_seed(0)
spec = json.loads(sys.stdin.read())
layers = spec["config"]["layers"]


def same_pad(x, kernel, stride):
    """TensorFlow's 'same' padding: the extra row or column goes after."""
    pads = []
    for size, k, s in reversed(list(zip(x.shape[2:], kernel, stride))):
        total = max((math.ceil(size / s) - 1) * s + k - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.mods = nn.ModuleDict()
        self.plan = []  # (name, class, config, inputs)
        channels = {}
        for layer in layers:
            kind, cfg, name = layer["class_name"], layer["config"], layer["config"]["name"]
            inputs = [i[0] for node in layer["inbound_nodes"] for i in node]
            c = channels[inputs[0]] if inputs else None
            key = name.replace(".", "_")
            if kind == "InputLayer":
                c = cfg["batch_input_shape"][-1]
            elif kind == "Conv2D":
                self.mods[key] = nn.Conv2d(c, cfg["filters"], cfg["kernel_size"], cfg["strides"], bias=cfg["use_bias"])
                c = cfg["filters"]
            elif kind == "DepthwiseConv2D":
                out = c * cfg["depth_multiplier"]
                self.mods[key] = nn.Conv2d(c, out, cfg["kernel_size"], cfg["strides"], groups=c, bias=cfg["use_bias"])
                c = out
            elif kind == "BatchNormalization":
                self.mods[key] = nn.BatchNorm2d(c, eps=cfg["epsilon"], momentum=1 - cfg["momentum"])
            elif kind == "Dense":
                self.mods[key] = nn.LazyLinear(cfg["units"], bias=cfg["use_bias"])
                c = cfg["units"]
            elif kind == "ZeroPadShortcut":
                c = cfg["filters"]
            elif kind not in ("ZeroPadding2D", "Activation", "ReLU", "MaxPooling2D", "AveragePooling2D",
                              "GlobalAveragePooling2D", "Flatten", "Dropout", "Add"):
                raise SystemExit(f"keras-to-torch: no PyTorch for {kind} ({name})")
            channels[name] = c
            self.plan.append((name, key, kind, cfg, inputs))
        self.outputs = [o[0] for o in spec["config"]["output_layers"]]

    def forward(self, x):
        values = {}
        for name, key, kind, cfg, inputs in self.plan:
            v = values[inputs[0]] if inputs else x
            if kind in ("Conv2D", "DepthwiseConv2D"):
                if cfg["padding"] == "same":
                    v = same_pad(v, cfg["kernel_size"], cfg["strides"])
                v = self.mods[key](v)
                act = cfg.get("activation", "linear")
                v = F.relu(v) if act == "relu" else v
            elif kind == "BatchNormalization":
                v = self.mods[key](v)
            elif kind == "Dense":
                v = self.mods[key](v)
                act = cfg.get("activation", "linear")
                v = F.relu(v) if act == "relu" else v  # softmax is in the loss
            elif kind == "ZeroPadding2D":
                (t, b), (l, r) = cfg["padding"]
                v = F.pad(v, [l, r, t, b])
            elif kind in ("Activation", "ReLU"):
                if kind == "ReLU" or cfg["activation"] == "relu":
                    v = F.relu(v)
                elif cfg["activation"] not in ("softmax", "linear"):
                    raise SystemExit(f"keras-to-torch: no activation {cfg['activation']}")
            elif kind in ("MaxPooling2D", "AveragePooling2D"):
                pool = F.max_pool2d if kind == "MaxPooling2D" else F.avg_pool2d
                if cfg["padding"] == "same":
                    v = same_pad(v, cfg["pool_size"], cfg["strides"])
                v = pool(v, cfg["pool_size"], cfg["strides"])
            elif kind == "GlobalAveragePooling2D":
                v = v.mean(dim=(2, 3))
            elif kind == "Flatten":
                v = v.flatten(1)
            elif kind == "Dropout":
                v = F.dropout(v, cfg["rate"], self.training)
            elif kind == "Add":
                v = sum(values[i] for i in inputs)
            elif kind == "ZeroPadShortcut":
                s = cfg["stride"]
                v = v[:, :, ::s, ::s]
                v = F.pad(v, [0, 0, 0, 0, 0, cfg["filters"] - v.shape[1]])
            values[name] = v
        return values[self.outputs[0]]


shape = layers[0]["config"]["batch_input_shape"]
model = Net()
xs = torch.randn(batch * 8, shape[3], shape[1], shape[2])
ys = torch.randint(0, 10, (batch * 8,))
model(xs[:batch])  # sizes the lazy layers
params = sum(p.numel() for p in model.parameters())
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)


def step(i):
    at = (i % 8) * batch
    opt.zero_grad()
    loss = F.cross_entropy(model(xs[at:at + batch]), ys[at:at + batch])
    loss.backward()
    opt.step()
    loss.item()


for i in range(warmup):
    step(i)
start, steps = time.perf_counter(), 0
while steps < min_steps or time.perf_counter() - start < min_seconds:
    step(steps)
    steps += 1
print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads(),
                  "examplesPerSec": steps * batch / (time.perf_counter() - start), "params": params}))
