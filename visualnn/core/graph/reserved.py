"""Node ids that cannot name a submodule of the compiled network.

A node id becomes an attribute of the torch module (`GraphModule`), so it must not be one
of torch.nn.Module's own attribute names, nor one of GraphModule's; dunder names are
reserved too. The list is written out (the graph package does not import torch); a test
compares it with torch's.
"""

MODULE_ATTRIBUTES = frozenset({
    'T_destination', '_apply', '_backward_hooks', '_backward_pre_hooks', '_buffers',
    '_call_impl', '_chain', '_compiled_call_impl', '_forward_hooks',
    '_forward_hooks_always_called', '_forward_hooks_with_kwargs', '_forward_pre_hooks',
    '_forward_pre_hooks_with_kwargs', '_get_backward_hooks', '_get_backward_pre_hooks',
    '_get_name', '_is_full_backward_hook', '_load_from_state_dict',
    '_load_state_dict_post_hooks', '_load_state_dict_pre_hooks',
    '_maybe_warn_non_full_backward_hook', '_modules', '_named_members',
    '_non_persistent_buffers_set', '_parameters', '_register_load_state_dict_pre_hook',
    '_register_state_dict_hook', '_replicate_for_data_parallel', '_save_to_state_dict',
    '_slow_forward', '_state_dict_hooks', '_state_dict_pre_hooks', '_version',
    '_wrapped_call_impl', 'add_module', 'apply', 'bfloat16', 'buffers', 'call_super_init',
    'children', 'compile', 'cpu', 'cuda', 'double', 'dump_patches', 'eval', 'extra_repr',
    'float', 'forward', 'forward_all', 'get_buffer', 'get_extra_state', 'get_parameter',
    'get_submodule', 'graph', 'half', 'input_dtype', 'input_id', 'ipu', 'layer',
    'load_state_dict', 'modules', 'mtia', 'named_buffers', 'named_children', 'named_modules',
    'named_parameters', 'node_ids', 'output', 'output_id', 'parameters', 'plan',
    'register_backward_hook', 'register_buffer', 'register_forward_hook',
    'register_forward_pre_hook', 'register_full_backward_hook',
    'register_full_backward_pre_hook', 'register_load_state_dict_post_hook',
    'register_load_state_dict_pre_hook', 'register_module', 'register_parameter',
    'register_state_dict_post_hook', 'register_state_dict_pre_hook', 'requires_grad_',
    'set_extra_state', 'set_submodule', 'shapes', 'share_memory', 'state_dict', 'to',
    'to_empty', 'train', 'training', 'type', 'types', 'xpu', 'zero_grad',
})


def is_reserved(node_id: str) -> bool:
    """True when `node_id` clashes with an attribute of the compiled torch module."""
    return node_id in MODULE_ATTRIBUTES or (node_id.startswith("__") and node_id.endswith("__"))
