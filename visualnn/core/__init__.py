"""The Qt-free core of visualnn: graph, compiler, data, training, step-through, files."""
