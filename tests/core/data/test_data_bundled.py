"""The four small real sets ship inside the package and load without scikit-learn."""
import subprocess
import sys

import numpy as np
import pytest

from visualnn.core.data.real import LOADERS, _raw


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_bundled_copy_equals_scikit_learn(name):
    datasets = pytest.importorskip("sklearn.datasets")
    bunch = getattr(datasets, LOADERS[name])()
    x, y, class_names, features = _raw(name)
    np.testing.assert_array_equal(x, np.asarray(bunch.data, dtype=np.float32))
    np.testing.assert_array_equal(y, bunch.target)
    assert class_names == [str(c) for c in bunch.target_names]
    assert features == [str(f) for f in bunch.feature_names]


def test_bundled_sets_load_with_scikit_learn_hidden():
    code = (
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'sklearn' or name.startswith('sklearn.') or name == 'scipy' or name.startswith('scipy.'):\n"
        "            raise ImportError('hidden: ' + name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "from visualnn.core.data import load_dataset\n"
        "for name in ('digits', 'iris', 'wine', 'breast_cancer'):\n"
        "    ds = load_dataset({'kind': 'builtin', 'name': name}, seed=0, test_fraction=0.2)\n"
        "    print(name, len(ds.x_train) + len(ds.x_test))\n"
        "assert 'sklearn' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["digits", "1797", "iris", "150", "wine", "178", "breast_cancer", "569"]
