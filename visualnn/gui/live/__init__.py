"""Live training on the canvas and in the views: the controller that drains the training
thread, the timeline of captured frames, and the overlays drawn on the layer cards."""
