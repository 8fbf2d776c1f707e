"""What the live views draw, computed next to the model: curves over one input, the
network over the plane of two inputs, embeddings in 2-D, activation functions, sequence
continuations. Numpy and torch only."""
