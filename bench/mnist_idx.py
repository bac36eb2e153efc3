"""Reading the MNIST IDX files for the PyTorch yardsticks in bench/ (numpy only)."""
import struct

import numpy as np


def read_idx(path):
    """An IDX file (unsigned bytes) as a numpy array of its declared shape."""
    with open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)
