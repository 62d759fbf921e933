/**
 * Where a complete subtree lives in storage. The node at (level, index) is the root of the perfect
 * subtree over leaves [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes. A node is
 * complete once the tree has at least (index+1)·2^level leaves, and from then on never changes,
 * which is why storage may keep it forever under this address.
 */
export interface NodeAddress {
  level: number;
  index: number;
}
