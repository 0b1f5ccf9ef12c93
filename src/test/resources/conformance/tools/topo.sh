set -e
for n in qa qb qc; do ip netns del $n 2>/dev/null || true; ip netns add $n; done
ip link add qa0 netns qa type veth peer qb0 netns qb
ip link add qc0 netns qc type veth peer qb1 netns qb
for n in qa qb qc; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip netns exec $n ip link set lo up; done
ip netns exec qa ip addr add 10.7.0.1/24 dev qa0
ip netns exec qc ip addr add 10.7.0.2/24 dev qc0
for x in "qa qa0" "qb qb0" "qb qb1" "qc qc0"; do set -- $x; ip netns exec $1 ip link set $2 up; ip netns exec $1 ethtool -K $2 tx off tso off gso off gro off >/dev/null 2>&1 || true; done
