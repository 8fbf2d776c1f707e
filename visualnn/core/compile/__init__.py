"""Graph -> torch.nn.Module."""

from visualnn.core.compile.module import GraphModule, compile_graph, load_state, state_to_lists

__all__ = ["GraphModule", "compile_graph", "load_state", "state_to_lists"]
