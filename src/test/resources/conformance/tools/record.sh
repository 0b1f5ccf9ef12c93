# record.sh NAME CLIENT_SIZES RELAY_ARGS...
set -e
name=$1; sizes=$2; shift 2
cd "$(dirname "$0")"
ip netns exec qc python3 traffic.py server & srv=$!
ip netns exec qb python3 relay.py qb0 qb1 "$@" 2> $name.relay.log & rel=$!
sleep 0.5
ip netns exec qa dumpcap -q -i qa0 -w $name-client.pcapng 2>/dev/null & d1=$!
ip netns exec qc dumpcap -q -i qc0 -w $name-server.pcapng 2>/dev/null & d2=$!
sleep 1
ip netns exec qa python3 traffic.py client $sizes ${GAP:-0.2}
sleep 1
kill -INT $d1 $d2; sleep 0.5
pkill -INT -f "relay.py qb0" ; pkill -f "traffic.py server" || true
sleep 0.5
cat $name.relay.log
ls -la $name-*.pcapng
